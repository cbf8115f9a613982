/**
 * Checks of array set-up code against real NumPy: the values the reader gives named arrays (as
 * the leaves of the inspected graph) beside the values NumPy gives them running the same code.
 */
import assert from 'node:assert/strict';
import type { TensorInspectionResult } from '../../../../src/engine/tensor/tensorResult';
import { runPython } from '../../../support/tensorOpChecks';

export interface NumpyArray {
  readonly shape: number[];
  readonly data: number[];
  readonly dtype: string;
}

/** Runs `source` in NumPy and gives each of `names` as it holds after the code. */
export function numpyArrays(source: string, names: readonly string[]): Record<string, NumpyArray> {
  return runPython<Record<string, NumpyArray>>(
    [
      source,
      'import json as _json, numpy as _np',
      `_names = ${JSON.stringify(names)}`,
      '_out = {}',
      'for _n in _names:',
      '    _a = _np.asarray(globals()[_n])',
      "    _out[_n] = {'shape': list(_a.shape), 'data': _a.astype(float).ravel().tolist(), 'dtype': str(_a.dtype)}",
      'print(_json.dumps(_out))',
    ].join('\n'),
  );
}

/** The value of the last leaf (input or constant) of `name`: its latest binding. */
export function leafValue(result: TensorInspectionResult, name: string): number[] {
  const leaves = result.nodes.filter(
    (node) =>
      (node.kind === 'input' || node.kind === 'constant') &&
      (node.label === name || node.name === name),
  );
  assert.ok(leaves.length > 0, `no leaf labelled ${name} among ${labels(result)}`);
  const [leaf] = leaves.slice(-1);
  return [...(leaf?.value ?? [])];
}

/** The source with a probe `check = np.sum(a * s) + …` that reads every named array. */
export function probed(source: string, names: readonly string[]): string {
  return `${source}s = 1.0\ncheck = ${names.map((name) => `np.sum(${name} * s)`).join(' + ')}\n`;
}

/** What each array read by the probe held, in the probe's order (the left operands of `· s`). */
export function probedValues(result: TensorInspectionResult): number[][] {
  const s = result.nodes.find((node) => node.kind === 'input' && node.name === 's');
  return result.nodes
    .filter(
      (node) =>
        node.op?.kind === 'elementwise' && node.op.op === 'mul' && node.operands[1] === s?.id,
    )
    .map((node) => [...(result.nodes[node.operands[0] ?? -1]?.value ?? [])]);
}

function labels(result: TensorInspectionResult): string {
  return result.nodes
    .filter((node) => node.kind !== 'op')
    .map((node) => node.label)
    .join(', ');
}

/** Every element within `tolerance` of NumPy's (relative to the larger magnitude, or absolute). */
export function assertSame(
  got: readonly number[],
  want: NumpyArray,
  what: string,
  tolerance = 1e-10,
): void {
  assert.equal(
    got.length,
    want.data.length,
    `${what}: ${got.length} elements, NumPy has ${want.data.length}`,
  );
  got.forEach((value, i) => {
    const expected = want.data[i] ?? NaN;
    const scale = Math.max(1, Math.abs(expected));
    assert.ok(
      Math.abs(value - expected) <= tolerance * scale,
      `${what}[${i}] = ${value}, NumPy gives ${expected}`,
    );
  });
}
