/**
 * The array samples run in real Python (/usr/bin/python3 with NumPy and PyTorch) by the oracle
 * suite's runner, and every difference between that run and our inspection of the sample.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Tensor } from '../../src/engine/tensor/tensor';
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import type { SampleTwin } from './sampleTwins';

const PYTHON = '/usr/bin/python3';
const RUNNER = join(__dirname, '..', 'oracle', 'oracleRunner.py');
const RELATIVE_TOLERANCE = 1e-10;
/** Elements zero in exact arithmetic (a softmax's max shift) are rounding noise on either side. */
const NOISE_FLOOR = 1e-13;

export interface PythonSample {
  readonly name: string;
  /** 'torch' runs as written and autograd gives the gradients; 'numpy' (and JAX) needs a twin. */
  readonly library: 'numpy' | 'torch';
  readonly source: string;
  readonly output: string;
  readonly twin?: SampleTwin;
}

interface PythonTensor {
  readonly shape: number[];
  readonly data: number[];
}

export interface PythonRun {
  readonly error?: string;
  readonly value: number;
  /** NumPy samples: the twin's value, which must be the sample's. */
  readonly twinValue?: number;
  readonly grads: Record<string, PythonTensor>;
}

export function runInPython(samples: readonly PythonSample[]): PythonRun[] {
  const snippets = samples.map(({ name, library, source, output, twin }) => ({
    name,
    library,
    source,
    output,
    ...(twin === undefined ? {} : { twin: twin.twin, twinInputs: twin.inputs }),
  }));
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
  // The runner's answer is its last line; the samples' own `print` calls come before it.
  const lines = run.stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '[]') as PythonRun[];
}

/** Every place where our inspection and Python's run of one sample disagree. */
export function differences(
  sample: PythonSample,
  result: TensorInspectionResult,
  python: PythonRun,
): string[] {
  if (python.error !== undefined) {
    return [`Python failed: ${python.error}`];
  }
  const problems: string[] = [];
  if (Object.keys(python.grads).length === 0) {
    problems.push('Python computed no gradient to compare with');
  }
  if (!close(result.value, python.value, Math.abs(python.value))) {
    problems.push(`${sample.output}: Python gives ${python.value}, we give ${result.value}`);
  }
  if (python.twinValue !== undefined && !close(python.twinValue, python.value, 0)) {
    problems.push(`the torch twin computes ${python.twinValue}, not the sample's ${python.value}`);
  }
  for (const [name, expected] of Object.entries(python.grads)) {
    const grad = ourGrad(result, name);
    const problem =
      grad === undefined
        ? `no gradient for ${name}`
        : difference(`∂${sample.output}/∂${name}`, grad, expected);
    if (problem !== undefined) {
      problems.push(problem);
    }
  }
  if (sample.library === 'torch') {
    const extra = Object.keys(result.grads).filter(
      (key) => python.grads[plainName(key)] === undefined,
    );
    if (extra.length > 0) {
      problems.push(`gradients PyTorch does not compute: ${extra.join(', ')}`);
    }
  }
  return problems;
}

/** An input key is the Python name, or `name (line n)` when one name binds several inputs. */
function plainName(key: string): string {
  return key.replace(/ \(line \d+\)$/, '');
}

function ourGrad(result: TensorInspectionResult, name: string): Tensor | undefined {
  const key = Object.keys(result.grads).find((candidate) => plainName(candidate) === name);
  return key === undefined ? undefined : result.grads[key];
}

function difference(what: string, ours: Tensor, expected: PythonTensor): string | undefined {
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

function close(got: number, want: number, scale: number): boolean {
  const gap = Math.abs(got - want);
  return (
    gap <= RELATIVE_TOLERANCE * Math.max(Math.abs(got), Math.abs(want)) ||
    gap <= NOISE_FLOOR * scale
  );
}
