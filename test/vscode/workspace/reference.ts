const x: number = -2;
const y: number = 5;
const z: number = -4;
const f: number = (x + y) * z;
export { f };
