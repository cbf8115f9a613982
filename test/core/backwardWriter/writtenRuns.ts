/**
 * Runs a written backward pass for real: the file with the code inserted where the writer says,
 * in /usr/bin/python3 or Node, printing every written gradient; and the same forward pass's
 * gradients from PyTorch's autograd in float64 (a twin written with torch), to compare them.
 */
import { spawnSync } from 'node:child_process';
import { createFrontEnds } from '../../../src/core/frontEnds';
import { writeBackward } from '../../../src/core/backwardWriter/writeBackward';
import type { WrittenBackward } from '../../../src/core/backwardWriter/writtenBackward';
import type { InspectionRequest } from '../../../src/language/frontEnd';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

export const frontEnds = createFrontEnds(wasmFromNodeModules);

/** Nested lists of numbers, as JSON carries a scalar, a vector or a matrix. */
export type Numbers = number | readonly Numbers[];

export async function written(
  source: string,
  request: Partial<InspectionRequest> = {},
): Promise<WrittenBackward> {
  const outcome = await writeBackward(frontEnds, { source, language: 'python', ...request });
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  return outcome.written;
}

/** The source with the written code inserted at its place. */
export function withBackward(source: string, code: WrittenBackward): string {
  const lines = source.split('\n');
  const { line, column } = code.insertAt;
  const offset = lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0) + column;
  return source.slice(0, offset) + code.code + source.slice(offset);
}

/** Every written gradient's value, by its name, from running the file in real Python. */
export function pythonGradients(source: string, code: WrittenBackward): Record<string, Numbers> {
  const names = code.gradients.map((gradient) => gradient.name);
  const script = `${withBackward(source, code)}
import json as _json
def _plain(v):
    return v.tolist() if hasattr(v, 'tolist') else v
print(_json.dumps({_n: _plain(eval(_n)) for _n in ${JSON.stringify(names)}}))
`;
  return lastLine(spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }), 'python3');
}

/** The same from running the file in Node (JavaScript). */
export function nodeGradients(source: string, code: WrittenBackward): Record<string, Numbers> {
  const names = code.gradients.map((gradient) => gradient.name);
  const script = `${withBackward(source, code)}\nconsole.log(JSON.stringify({ ${names.join(', ')} }));\n`;
  return lastLine(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }), 'node');
}

/** The JSON the script prints last (the file's own prints come before it). */
function lastLine(
  run: { readonly status: number | null; readonly stdout: string; readonly stderr: string },
  program: string,
): Record<string, Numbers> {
  if (run.status !== 0) {
    throw new Error(`${program} failed: ${run.stderr}`);
  }
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, Numbers>;
}

/**
 * PyTorch's float64 autograd of `twin` (the forward pass in torch, its inputs leaves with
 * requires_grad): ∂output/∂value for every written gradient's forward value, by gradient name.
 */
export function torchGradients(
  twin: string,
  output: string,
  code: WrittenBackward,
): Record<string, Numbers> {
  const pairs = code.gradients.map((gradient) => [gradient.name, gradient.of]);
  const script = `import torch, json
torch.set_default_dtype(torch.float64)
${twin}
_pairs = ${JSON.stringify(pairs)}
_values = {_g: eval(_of) for _g, _of in _pairs}
for _v in _values.values():
    if not _v.is_leaf:
        _v.retain_grad()
${output}.backward()
print(json.dumps({_g: _v.grad.tolist() for _g, _v in _values.items()}))
`;
  return lastLine(spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }), 'python3');
}

/** The largest |a − b| / max(1, |b|) over every element of every gradient; throws on a shape mismatch. */
export function largestDifference(
  got: Record<string, Numbers>,
  want: Record<string, Numbers>,
): number {
  let largest = 0;
  for (const [name, expected] of Object.entries(want)) {
    const actual = got[name];
    if (actual === undefined) {
      throw new Error(`no written gradient ${name}`);
    }
    largest = Math.max(largest, difference(actual, expected, name));
  }
  return largest;
}

function difference(actual: Numbers, expected: Numbers, name: string): number {
  if (typeof expected === 'number' || typeof actual === 'number') {
    if (typeof expected !== 'number' || typeof actual !== 'number') {
      throw new Error(`${name}: shapes differ`);
    }
    return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  }
  if (actual.length !== expected.length) {
    throw new Error(`${name}: lengths differ`);
  }
  return Math.max(0, ...expected.map((value, i) => difference(actual[i] ?? NaN, value, name)));
}
