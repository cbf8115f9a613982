// micrograd's README example as JavaScript ports of micrograd write it: new Value, .add, .mul.
// Select all (Ctrl+A) and run "Gradient Lens: Inspect Derivatives" (Ctrl+Alt+G); look at the
// panel: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773, the numbers micrograd prints.
// Then hover `a.grad` on the last line: the tool shows it without running the code.
import { Value } from './engine.js';

const a = new Value(-4.0);
const b = new Value(2.0);
let c = a.add(b);
let d = a.mul(b).add(b.pow(3));
c = c.add(c.add(1));
c = c.add(c.add(1).add(a.neg()));
d = d.add(d.mul(2).add(b.add(a).relu()));
d = d.add(d.mul(3).add(b.sub(a).relu()));
const e = c.sub(d);
const f = e.pow(2);
let g = f.div(2.0);
g = g.add(new Value(10.0).div(f));
g.backward();
console.log(a.grad.toFixed(4), b.grad.toFixed(4)); // 138.8338 645.5773
