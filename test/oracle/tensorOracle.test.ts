/**
 * The oracle suite: NumPy, PyTorch and JAX snippets through our pipeline (inspectSource, the
 * front ends the extension uses) and in real Python (/usr/bin/python3 with Debian's NumPy and
 * PyTorch), every value and every gradient element compared to 1e-10 relative. The tool never
 * runs the user's code; these tests prove its numbers are the ones PyTorch would give.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, type TensorOutcome } from '../../src/core/inspectSource';
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import {
  close,
  difference,
  gradientDifferences,
  runOracle,
  type PythonTensor,
  type RunnerAnswer,
} from '../support/pythonOracle';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { ORACLE_SNIPPETS, type OracleSnippet } from './oracleSnippets';

interface PythonRun extends RunnerAnswer {
  readonly values: Record<string, PythonTensor>;
}

interface LinearParams {
  readonly weight: PythonTensor;
  readonly bias?: PythonTensor;
}

type Ours =
  | { readonly ok: true; readonly outcome: TensorOutcome }
  | { readonly ok: false; readonly message: string };

const frontEnds = createFrontEnds(wasmFromNodeModules);

async function runOurs(snippet: OracleSnippet): Promise<Ours> {
  const outcome = await inspectSource(frontEnds, {
    source: snippet.source,
    language: 'python',
    output: snippet.output,
  });
  if (!outcome.ok) {
    return { ok: false, message: `${outcome.error.kind}: ${outcome.error.message}` };
  }
  if (outcome.kind !== 'tensor') {
    return { ok: false, message: 'read as scalar code, not as code with arrays' };
  }
  return { ok: true, outcome };
}

/** Our nn.Linear layers' weights and biases (samples), in the order the code creates them. */
function linearParams(ours: Ours): LinearParams[] {
  if (!ours.ok) {
    return [];
  }
  const inputs = ours.outcome.result.inputs;
  const tensor = (name: string): PythonTensor | undefined => {
    const input = inputs.find((candidate) => candidate.name === name);
    return input && { shape: [...input.shape], data: Array.from(input.value) };
  };
  return inputs
    .filter((input) => input.name.endsWith('.weight'))
    .sort((a, b) => positionOf(a.range) - positionOf(b.range) || a.name.localeCompare(b.name))
    .map((input) => {
      const bias = tensor(`${input.name.slice(0, -'.weight'.length)}.bias`);
      const weight = { shape: [...input.shape], data: Array.from(input.value) };
      return bias === undefined ? { weight } : { weight, bias };
    });
}

function positionOf(range: { start: { line: number; column: number } } | undefined): number {
  return range === undefined ? 0 : range.start.line * 100_000 + range.start.column;
}

function runPython(
  snippets: readonly OracleSnippet[],
  linear: readonly LinearParams[][],
): PythonRun[] {
  return runOracle<PythonRun>(
    snippets.map((snippet, index) => ({ ...snippet, linear: linear[index] })),
  );
}

/** The value of the last binding of a name in our graph. */
function ourValue(result: TensorInspectionResult, name: string) {
  const named = result.nodes.filter((node) => node.name === name);
  return named.reduce<(typeof named)[number] | undefined>(
    (last, node) =>
      last === undefined || (node.version ?? 0) >= (last.version ?? 0) ? node : last,
    undefined,
  );
}

/** Every difference between our inspection and Python's run of one snippet. */
function differences(snippet: OracleSnippet, ours: Ours, python: PythonRun): string[] {
  if (python.error !== undefined) {
    return [`Python failed: ${python.error}`];
  }
  if (!ours.ok) {
    return [`our pipeline refused it: ${ours.message}`];
  }
  const result = ours.outcome.result;
  const problems: string[] = [];
  if (!close(result.value, python.value, Math.abs(python.value))) {
    problems.push(`${snippet.output}: Python gives ${python.value}, we give ${result.value}`);
  }
  for (const [name, expected] of Object.entries(python.values)) {
    const node = ourValue(result, name);
    const problem =
      node && difference(`value of ${name}`, { shape: node.shape, data: node.value }, expected);
    if (problem !== undefined) {
      problems.push(problem);
    }
  }
  problems.push(...gradientDifferences(snippet.output, snippet.library, result, python.grads));
  return problems;
}

describe('oracle: tensor snippets against real NumPy and PyTorch', function () {
  // Python with torch starts in seconds; our pipeline loads tree-sitter once.
  this.timeout(300_000);
  const ours: Ours[] = [];
  let python: PythonRun[] = [];

  before(async () => {
    for (const snippet of ORACLE_SNIPPETS) {
      ours.push(await runOurs(snippet));
    }
    python = runPython(ORACLE_SNIPPETS, ours.map(linearParams));
  });

  ORACLE_SNIPPETS.forEach((snippet, index) => {
    it(`${snippet.name}: value and gradients as ${snippet.library === 'torch' ? 'PyTorch' : 'NumPy (gradients by PyTorch)'} computes them`, () => {
      const run = python[index];
      const our = ours[index];
      assert.ok(run !== undefined && our !== undefined, 'the snippet ran on both sides');
      assert.deepStrictEqual(differences(snippet, our, run), []);
    });
  });

  it('notices one gradient element off by 1e-9 relative, and a value off likewise', () => {
    const index = ORACLE_SNIPPETS.findIndex((snippet) => snippet.library === 'numpy');
    const [snippet, our, run] = [ORACLE_SNIPPETS[index], ours[index], python[index]];
    assert.ok(
      snippet !== undefined && our?.ok === true && run !== undefined,
      'a NumPy snippet that reads',
    );
    const [name, grad] = Object.entries(run.grads)[0] ?? [];
    assert.ok(name !== undefined && grad !== undefined);
    const nudged = (data: number[]): number[] =>
      data.map((value, i) => (i === 0 ? value * (1 + 1e-9) : value));
    const wrongGrad = {
      ...run,
      grads: { ...run.grads, [name]: { shape: grad.shape, data: nudged(grad.data) } },
    };
    assert.deepStrictEqual(
      differences(snippet, our, wrongGrad).map((problem) => problem.split(':')[0]),
      [`∂${snippet.output}/∂${name}[0]`],
    );
    assert.equal(differences(snippet, our, { ...run, value: run.value * (1 + 1e-9) }).length, 1);
  });
});
