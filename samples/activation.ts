// GELU (tanh form), written the way it appears in many JavaScript ML libraries.
// Select the function and run "Gradient Lens: Inspect Derivatives".
export function gelu(x: number = 0.7): number {
  const c = Math.sqrt(2 / Math.PI);
  return 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x ** 3)));
}
