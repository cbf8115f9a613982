// GELU (tanh form), written the way it appears in many JavaScript ML libraries.
// Put the cursor on line 4 (`export function gelu`) and run "Gradient Lens: Inspect Derivatives"
// (Ctrl+Alt+G); look at dgelu/dx = 0.976 at x = 0.7, the parameter's default value.
export function gelu(x: number = 0.7): number {
  const c = Math.sqrt(2 / Math.PI);
  return 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x ** 3)));
}
