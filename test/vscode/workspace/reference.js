const x = -2;
const y = 5;
const z = -4;
const f = (x + y) * z;
export { f };
