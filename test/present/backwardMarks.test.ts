/** The backward check's marks placed on the graph's nodes, by name and defining line. */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import type { BackwardCheckReport } from '../../src/core/handBackward/report';
import { backwardMarks, markDetail, markLabel } from '../../src/present/backwardMarks';
import { reportOf } from '../core/handBackward/backwardReport';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { DW_MISSING_REG, MISSING_REG } from './backwardReports';

const frontEnds = createFrontEnds(wasmFromNodeModules);

// dx forgets the `+ x` path. PyTorch 1.13 (float64): x.grad 16, y.grad −16, z.grad −8; the
// hand-written numbers are the code's: dfdz = 2z = −8, dx = dfdz·y = 24, dy = dfdz·x = −16.
const SOURCE = [
  'x = 2.0',
  'y = -3.0',
  'z = x * y + x',
  'f = z * z',
  'dfdz = 2 * z',
  'dx = dfdz * (y)',
  'dy = dfdz * x',
].join('\n');

const FORWARD = { start: { line: 0, column: 0 }, end: { line: 3, column: 9 } };

async function forwardResult() {
  const outcome = await inspectSource(frontEnds, {
    source: SOURCE,
    language: 'python',
    selection: FORWARD,
  });
  assert.ok(outcome.ok && outcome.kind === 'scalar');
  return outcome.result;
}

describe('backwardMarks', () => {
  it('puts each checked gradient on its forward value’s node, inputs and named steps alike', async () => {
    const result = await forwardResult();
    const marks = backwardMarks(await reportOf(SOURCE), result);
    const byGradient = new Map(marks.map((mark) => [mark.gradient, mark]));
    const nodeNamed = (name: string) =>
      result.inputs.find((input) => input.name === name)?.id ??
      result.nodes.find((node) => node.name === name)?.id;
    assert.equal(byGradient.get('dx')?.node, nodeNamed('x'));
    assert.equal(byGradient.get('dy')?.node, nodeNamed('y'));
    assert.equal(byGradient.get('dfdz')?.node, nodeNamed('z'));
    assert.deepEqual(byGradient.get('dx')?.hand, { kind: 'scalar', value: 24, engine: 16 });
    assert.deepEqual(byGradient.get('dy')?.hand, { kind: 'scalar', value: -16, engine: -16 });
    assert.deepEqual(byGradient.get('dfdz')?.hand, { kind: 'scalar', value: -8, engine: -8 });
    assert.equal(byGradient.get('dx')?.verdict, 'wrong');
    assert.equal(byGradient.get('dy')?.verdict, 'correct');
    assert.match(byGradient.get('dx')?.explanation ?? '', /missing/);
    // The graph's own gradients agree with the engine's numbers the marks carry.
    assert.equal(result.grads.x, 16);
  });

  it('marks nothing whose forward value is not in the graph (another selection)', async () => {
    const report = await reportOf(SOURCE);
    const onlyInputs = await inspectSource(frontEnds, {
      source: SOURCE,
      language: 'python',
      selection: { start: { line: 0, column: 0 }, end: { line: 1, column: 8 } },
    });
    assert.ok(onlyInputs.ok && onlyInputs.kind === 'scalar');
    const marks = backwardMarks(report, onlyInputs.result);
    assert.deepEqual(marks.map((mark) => mark.gradient).sort(), ['dx', 'dy']);
  });

  it('puts an array gradient on its input and named step of code with arrays', async () => {
    // PyTorch 1.13: W.grad [[-2, 2], [-2, 2]], h.grad [-2, -2]; dh and dW as written agree.
    const source = [
      'import numpy as np',
      'W = np.array([[1.0, 2.0], [3.0, 4.0]])',
      'x = np.array([1.0, -1.0])',
      'h = W.dot(x)',
      'loss = np.sum(h * h)',
      'dh = 2 * h',
      'dW = dh.reshape(2, 1) * x.reshape(1, 2)',
    ].join('\n');
    const outcome = await inspectSource(frontEnds, {
      source,
      language: 'python',
      selection: { start: { line: 1, column: 0 }, end: { line: 4, column: 20 } },
    });
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    const marks = backwardMarks(await reportOf(source), outcome.result);
    const dW = marks.find((mark) => mark.gradient === 'dW');
    const dh = marks.find((mark) => mark.gradient === 'dh');
    assert.equal(dW?.node, outcome.result.inputs.find((input) => input.name === 'W')?.id);
    assert.equal(dh?.node, outcome.result.nodes.find((node) => node.name === 'h')?.id);
    assert.deepEqual(dW?.hand, {
      kind: 'tensor',
      shape: [2, 2],
      worst: { index: [0, 0], handWritten: -2, engine: -2 },
    });
    assert.equal(dW?.verdict, 'correct');
  });

  it('places a name assigned twice on the node of the line the pairing names', () => {
    const at = (line: number) => ({
      start: { line, column: 4 },
      end: { line, column: 9 },
    });
    const node = (id: number, line: number) => ({
      id,
      kind: 'op' as const,
      symbol: '+',
      label: 'h',
      name: 'h',
      operands: [],
      value: 1,
      partials: [],
      gates: [],
      uses: 1,
      range: at(line),
    });
    const comparison = {
      ...DW_MISSING_REG,
      pairing: {
        ...DW_MISSING_REG.pairing,
        gradient: 'dh',
        of: 'h',
        ofRange: { start: { line: 3, column: 0 }, end: { line: 3, column: 1 } },
      },
    };
    const report: BackwardCheckReport = { ...MISSING_REG, comparisons: [comparison] };
    const marks = backwardMarks(report, { inputs: [], nodes: [node(0, 1), node(1, 3)] });
    assert.deepEqual(
      marks.map((mark) => mark.node),
      [1],
    );
  });

  it('says an array gradient by its shape and worst element, the verdict as a symbol', () => {
    const report: BackwardCheckReport = { ...MISSING_REG, comparisons: [DW_MISSING_REG] };
    // Without ofRange, a name with one node in the graph is that node.
    const [mark] = backwardMarks(report, { nodes: [{ id: 0 }], inputs: [{ id: 0, name: 'W' }] });
    assert.ok(mark !== undefined);
    assert.equal(markLabel(mark, 6), 'hand dW (4×3) ✗');
    assert.equal(
      markDetail(mark, 6),
      'hand-written dW: wrong (max rel. error 0.93); worst [0, 1]: hand −0.27, engine −0.28',
    );
  });
});
