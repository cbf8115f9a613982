/** Scalar Python with `n` tanh neurons of two inputs written out one by one, summed into f. */
export function writtenOutNeurons(n: number): string {
  const lines = ['import math', 'x0 = 0.5', 'x1 = -1.5'];
  for (let i = 0; i < n; i += 1) {
    lines.push(`w${i}0 = ${0.1 * (i + 1)}`, `w${i}1 = ${-0.2 * (i + 1)}`, `b${i} = ${0.3 * i}`);
    lines.push(`n${i} = math.tanh(w${i}0 * x0 + w${i}1 * x1 + b${i})`);
  }
  lines.push(`f = ${Array.from({ length: n }, (_, i) => `n${i}`).join(' + ')}`);
  return `${lines.join('\n')}\n`;
}
