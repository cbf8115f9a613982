import assert from 'node:assert/strict';
import {
  parseHostMessage,
  tensorSnapshotJsonAround,
  tensorSnapshotMessage,
} from '../../src/protocol/messages';
import type { PanelTensorInspection } from '../../src/protocol/protocol';
import { tensorOpText, tensorPanelResult } from '../../src/protocol/tensorPanel';
import { SUMMARY_ELEMENTS, tensorSummary } from '../../src/protocol/tensorSummary';
import { wireJson } from '../../src/protocol/wire';
import { reluPanel, reluResult } from '../support/reluTensor';

/** What postMessage does to a message on its way: JSON there and back. */
function overTheWire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message));
}

describe('tensor results in the panel protocol', () => {
  it('summarizes a tensor: shape, first elements, min, max, mean, 2-norm and heat grid', () => {
    const summary = tensorSummary([2, 2], Float64Array.of(3, -4, 0, 1));
    assert.deepEqual(summary, {
      shape: [2, 2],
      first: [3, -4, 0, 1],
      min: -4,
      max: 3,
      mean: 0,
      norm: Math.sqrt(26),
      heat: { rows: 2, cols: 2, cells: [3, -4, 0, 1], pooled: false },
    });
  });

  it('sends only the first elements of a large tensor, with statistics over all of them', () => {
    const data = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const summary = tensorSummary([100, 100], data);
    assert.equal(summary.first.length, SUMMARY_ELEMENTS);
    assert.deepEqual(summary.first.slice(0, 3), [0, 1, 2]);
    assert.equal(summary.max, 9_999);
    assert.equal(summary.mean, 4_999.5);
    const squares = Array.from(data).reduce((sum, value) => sum + value * value, 0);
    assert.equal(summary.norm, Math.sqrt(squares));
  });

  it('says NaN for min, max and mean of a tensor holding a NaN, and of an empty one', () => {
    const nan = tensorSummary([3], Float64Array.of(1, NaN, -Infinity));
    assert.ok(Number.isNaN(nan.min) && Number.isNaN(nan.max) && Number.isNaN(nan.mean));
    const empty = tensorSummary([0], new Float64Array(0));
    assert.deepEqual(empty.first, []);
    assert.ok(Number.isNaN(empty.min) && Number.isNaN(empty.mean));
    assert.equal(empty.norm, 0);
  });

  it('lists every node with its op, shape, value and gradient, and the steps in matrix form', () => {
    const panel = tensorPanelResult(reluResult());
    assert.equal(panel.value, 10);
    assert.deepEqual(
      panel.nodes.map((node) => [node.label, node.op ?? node.kind, node.value.shape]),
      [
        ['x', 'input', [3]],
        ['relu(x)', 'relu', [3]],
        ['2', 'constant', []],
        ['relu(x) ** 2', 'pow', [3]],
        ['y', 'sum', []],
      ],
    );
    assert.deepEqual(panel.inputs[0]?.grad.first, [2, 0, 6]);
    assert.equal(panel.nodes[2]?.grad, undefined, 'a constant has no gradient, not a 0');
    const last = panel.steps.at(-1);
    assert.ok(last?.kind === 'vjp');
    assert.equal(last.rule, '∂L/∂x = ∂L/∂y ⊙ 1[x > 0]');
    assert.equal(last.shapes, '(3,) = (3,) ⊙ (3,)');
    assert.deepEqual(last.product.first, [2, 0, 6]);
  });

  it('writes each primitive with the arguments that tell it apart', () => {
    assert.equal(tensorOpText({ kind: 'sum', axes: [1], keepdims: true }), 'sum(axis=1, keepdims)');
    assert.equal(tensorOpText({ kind: 'mean', axes: null, keepdims: false }), 'mean');
    assert.equal(tensorOpText({ kind: 'max', axes: [0, 2], keepdims: false }), 'max(axis=(0, 2))');
    assert.equal(tensorOpText({ kind: 'matmul' }), 'matmul');
    assert.equal(tensorOpText({ kind: 'transpose', axes: [1, 0] }), 'transpose (1, 0)');
    assert.equal(tensorOpText({ kind: 'softmax', axis: 1 }), 'softmax(axis=1)');
    assert.equal(
      tensorOpText({ kind: 'cross_entropy', targets: Int32Array.of(0), reduction: 'mean' }),
      'cross_entropy(reduction=mean)',
    );
    assert.equal(
      tensorOpText({
        kind: 'gather',
        shape: [4],
        indices: Int32Array.of(0),
        text: '[np.arange(4), y]',
      }),
      'index [np.arange(4), y]',
    );
  });

  it('carries a tensor snapshot to the page, which accepts it as it was sent', () => {
    const panel = reluPanel();
    const parsed = parseHostMessage(overTheWire(tensorSnapshotMessage(panel, { precision: 6 })));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.equal(parsed.message.type, 'tensorSnapshot');
    assert.deepEqual(parsed.message.type === 'tensorSnapshot' && parsed.message.inspection, panel);
  });

  it('joins the worker JSON of the list into the same message the host would build', () => {
    const panel = reluPanel();
    const { result, ...rest } = panel;
    const { before, after } = tensorSnapshotJsonAround(rest, { precision: 4 });
    const joined = JSON.parse(`${before}${wireJson(result)}${after}`) as unknown;
    assert.deepEqual(joined, overTheWire(tensorSnapshotMessage(panel, { precision: 4 })));
  });

  it('spells out non-finite statistics on the wire and reads them back', () => {
    const result = reluResult();
    const nodes = result.nodes.map((node) =>
      node.id === 1 ? { ...node, value: Float64Array.of(Infinity, NaN, 3) } : node,
    );
    const panel = { ...reluPanel(), result: tensorPanelResult({ ...result, nodes }) };
    const parsed = parseHostMessage(overTheWire(tensorSnapshotMessage(panel, { precision: 6 })));
    assert.ok(parsed.ok && parsed.message.type === 'tensorSnapshot');
    const value = parsed.message.inspection.result.nodes[1]?.value;
    assert.deepEqual(value?.first, [Infinity, NaN, 3]);
    assert.ok(Number.isNaN(value?.max));
  });

  it('drops a tensor snapshot whose steps or operands point outside its nodes', () => {
    const panel = reluPanel();
    const badStep = {
      ...panel,
      result: { ...panel.result, steps: [{ kind: 'seed', index: 0, node: 9, shape: [] }] },
    };
    const parsedStep = parseHostMessage(
      overTheWire(tensorSnapshotMessage(badStep as PanelTensorInspection, { precision: 6 })),
    );
    assert.ok(!parsedStep.ok);
    assert.match(parsedStep.problem, /steps\[0\] names a missing node/);
    const nodes = panel.result.nodes.map((node) =>
      node.id === 1 ? { ...node, operands: [3] } : node,
    );
    const parsedNode = parseHostMessage(
      overTheWire(
        tensorSnapshotMessage({ ...panel, result: { ...panel.result, nodes } }, { precision: 6 }),
      ),
    );
    assert.ok(!parsedNode.ok);
    assert.match(parsedNode.problem, /nodes\[1\]/);
  });

  it('drops a tensor snapshot with a step of an unknown kind or a label that is not text', () => {
    const message = overTheWire(tensorSnapshotMessage(reluPanel(), { precision: 6 })) as {
      inspection: { result: { steps: { kind: string }[]; nodes: { label: unknown }[] } };
    };
    message.inspection.result.steps[1]!.kind = 'jacobian';
    const unknownStep = parseHostMessage(message);
    assert.ok(!unknownStep.ok);
    assert.match(unknownStep.problem, /seed, vjp or reduce/);
    message.inspection.result.steps[1]!.kind = 'vjp';
    message.inspection.result.nodes[0]!.label = { toString: 'x' };
    const badLabel = parseHostMessage(message);
    assert.ok(!badLabel.ok);
    assert.match(badLabel.problem, /nodes\[0\]\.label/);
  });
});
