// Cross-entropy of a two-class softmax, for the logits a and b and the true class 0.
// at: a=2, b=-1
const m = Math.max(a, b);
const ea = Math.exp(a - m);
const eb = Math.exp(b - m);
const loss = -Math.log(ea / (ea + eb));
