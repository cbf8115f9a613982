// Cross-entropy of a two-class softmax for the logits a and b, the true class being the first.
// Put the cursor on line 7 (`function`) and run "Gradient Lens: Inspect Derivatives"
// (Ctrl+Alt+G); look at the gradients, p_a - 1 = -0.047 for a and p_b = 0.047 for b, and at m
// in the backward pass: its two uses cancel (0 up to rounding), so the shift changes no gradient.
// The values come from the `at:` comment; change them and inspect again.
// at: a=2, b=-1
function crossEntropy2(a, b) {
  const m = Math.max(a, b); // shifted by the max so that exp cannot overflow
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  return -Math.log(ea / (ea + eb));
}
