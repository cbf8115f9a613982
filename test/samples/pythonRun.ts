/**
 * The array samples run in real Python (/usr/bin/python3 with NumPy and PyTorch) by the oracle
 * suite's runner, and every difference between that run and our inspection of the sample.
 */
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import { close, gradientDifferences, runOracle, type RunnerAnswer } from '../support/pythonOracle';
import type { SampleTwin } from './sampleTwins';

export interface PythonSample {
  readonly name: string;
  /** 'torch' runs as written and autograd gives the gradients; 'numpy' (and JAX) needs a twin. */
  readonly library: 'numpy' | 'torch';
  readonly source: string;
  readonly output: string;
  readonly twin?: SampleTwin;
}

export interface PythonRun extends RunnerAnswer {
  /** NumPy samples: the twin's value, which must be the sample's. */
  readonly twinValue?: number;
}

export function runInPython(samples: readonly PythonSample[]): PythonRun[] {
  const snippets = samples.map(({ name, library, source, output, twin }) => ({
    name,
    library,
    source,
    output,
    ...(twin === undefined ? {} : { twin: twin.twin, twinInputs: twin.inputs }),
  }));
  return runOracle<PythonRun>(snippets);
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
  problems.push(...gradientDifferences(sample.output, sample.library, result, python.grads));
  return problems;
}
