/**
 * A Python loss of `layers` straight-line statements over four inputs (about 7 graph nodes a
 * layer): the large inspection the worker tests, the integration test and the benchmarks use.
 */
import type { InspectionRequest } from '../../src/language/frontEnd';

export function pythonLossSource(layers: number): string {
  const lines = ['import math', 'w = 0.5', 'b = -0.25', 'x = 1.5', 'y = 0.75', 'h0 = w * x + b'];
  for (let i = 1; i <= layers; i += 1) {
    lines.push(`h${i} = math.tanh(h${i - 1} * w + x) + 0.1 * h${i - 1} - y`);
  }
  lines.push(`loss = (h${layers} - y) ** 2`);
  return `${lines.join('\n')}\n`;
}

/** The loss selected from `h0 = …` to `loss = …`: w, b, x and y are read from above. */
export function pythonLossRequest(layers: number): InspectionRequest {
  return {
    source: pythonLossSource(layers),
    language: 'python',
    selection: { start: { line: 5, column: 0 }, end: { line: layers + 6, column: 40 } },
    check: true,
  };
}
