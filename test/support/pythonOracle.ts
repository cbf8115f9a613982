/**
 * The oracle runner (test/oracle/oracleRunner.py) in real Python (/usr/bin/python3 with NumPy
 * and PyTorch), and how our tensor inspection is compared with its run: for the oracle suite
 * and the array samples alike.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';

const PYTHON = '/usr/bin/python3';
const RUNNER = join(__dirname, '..', 'oracle', 'oracleRunner.py');
const RELATIVE_TOLERANCE = 1e-10;
/**
 * Elements that are zero in exact arithmetic come out as rounding noise on either side (the
 * max shift of a softmax): below this fraction of the tensor's largest element, a difference
 * counts as zero.
 */
const NOISE_FLOOR = 1e-13;

export interface PythonTensor {
  readonly shape: number[];
  readonly data: number[];
}

/** What the runner answers for every snippet: the output's value and the gradients. */
export interface RunnerAnswer {
  readonly error?: string;
  readonly value: number;
  readonly grads: Record<string, PythonTensor>;
}

/** Runs the runner once on `snippets`; its answer, one per snippet. */
export function runOracle<T extends RunnerAnswer>(snippets: readonly unknown[]): T[] {
  const run = spawnSync(PYTHON, [RUNNER], {
    input: JSON.stringify(snippets),
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) {
    throw new Error(
      `${PYTHON} (with python3-numpy and python3-torch) failed: ${run.stderr || String(run.error)}`,
    );
  }
  // The runner's answer is its last line; the snippets' own `print` calls come before it.
  const lines = run.stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '[]') as T[];
}

/** The first element where ours and Python's differ beyond the tolerance, described. */
export function difference(
  what: string,
  ours: { readonly shape: readonly number[]; readonly data: ArrayLike<number> },
  expected: PythonTensor,
): string | undefined {
  if (ours.shape.join(',') !== expected.shape.join(',')) {
    return `${what}: shape (${ours.shape.join(', ')}) where Python has (${expected.shape.join(', ')})`;
  }
  const scale = expected.data.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
  for (let index = 0; index < expected.data.length; index += 1) {
    const want = expected.data[index] ?? Number.NaN;
    const got = ours.data[index] ?? Number.NaN;
    if (!close(got, want, scale)) {
      return `${what}[${index}]: Python gives ${want}, we give ${got}`;
    }
  }
  return undefined;
}

/** Equal within the tolerance or below the noise floor of `scale`; NaN and ∞ equal themselves. */
export function close(got: number, want: number, scale: number): boolean {
  if (Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))) {
    return true;
  }
  const gap = Math.abs(got - want);
  return (
    gap <= RELATIVE_TOLERANCE * Math.max(Math.abs(got), Math.abs(want)) ||
    gap <= NOISE_FLOOR * scale
  );
}

/** An input key is the Python name, or `name (line n)` when one name binds several inputs. */
function plainName(key: string): string {
  return key.replace(/ \(line \d+\)$/, '');
}

/** Our gradient for a Python name: the input key is the name, or `name (line n…)`. */
function ourGrad(result: TensorInspectionResult, name: string) {
  const key = Object.keys(result.grads).find(
    (candidate) => candidate === name || candidate.startsWith(`${name} (line `),
  );
  return key === undefined ? undefined : result.grads[key];
}

/**
 * Every gradient of Python's that ours misses or differs from; for PyTorch code also ours that
 * PyTorch does not compute (it differentiates only tensors that require gradients).
 */
export function gradientDifferences(
  output: string,
  library: string,
  result: TensorInspectionResult,
  grads: Readonly<Record<string, PythonTensor>>,
): string[] {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(grads)) {
    const grad = ourGrad(result, name);
    const problem =
      grad === undefined
        ? `no gradient for ${name}`
        : difference(`∂${output}/∂${name}`, grad, expected);
    if (problem !== undefined) {
      problems.push(problem);
    }
  }
  if (library === 'torch') {
    const extra = Object.keys(result.grads).filter((key) => grads[plainName(key)] === undefined);
    if (extra.length > 0) {
      problems.push(`gradients PyTorch does not compute: ${extra.join(', ')}`);
    }
  }
  return problems;
}
