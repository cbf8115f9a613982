/**
 * The tensor step-through's frames (src/present/tensorSteps.ts): the seed, a VJP with its rule,
 * shapes, upstream and result, broadcasting undone with the broadcast shape it sums from, the
 * whole picture, and labels that are already parenthesized written once.
 */
import assert from 'node:assert/strict';
import {
  tensorStepFrame,
  tensorWholePicture,
  type TensorStepContext,
} from '../../src/present/tensorSteps';

interface T {
  readonly shape: readonly number[];
  readonly tag: string;
}

const LABELS = ['X', 'W', '(X @ W)', 'b', '(X @ W) + b', 'loss'];

const context: TensorStepContext<T> = {
  output: 'loss',
  label: (node) => LABELS[node] ?? `#${node}`,
  steps: [
    { kind: 'seed', index: 0, node: 5, shape: [] },
    {
      kind: 'vjp',
      index: 1,
      from: 4,
      to: 3,
      operandIndex: 1,
      rule: '∂L/∂b = ∂L/∂((X @ W) + b)',
      shapes: '(4, 2) = (4, 2)',
      upstream: { shape: [4, 2], tag: 'g' },
      product: { shape: [4, 2], tag: 'g' },
      contribution: 1,
      contributions: 1,
    },
    {
      kind: 'reduce',
      index: 2,
      from: 4,
      to: 3,
      operandIndex: 1,
      rule: 'Σ over axis 0: (4, 2) → (2,)',
      result: { shape: [2], tag: 'db' },
      contribution: 1,
      contributions: 1,
    },
    {
      kind: 'vjp',
      index: 3,
      from: 2,
      to: 1,
      operandIndex: 1,
      rule: '∂L/∂W = Xᵀ · ∂L/∂(X @ W)',
      shapes: '(3, 2) = (3, 4) · (4, 2)',
      upstream: { shape: [4, 2], tag: 'dY' },
      product: { shape: [3, 2], tag: 'dW' },
      contribution: 2,
      contributions: 2,
    },
  ],
};

describe('tensor step-through frames', () => {
  it('the seed: ∂loss/∂loss = 1 at the output', () => {
    const frame = tensorStepFrame(context, 0)!;
    assert.equal(frame.title, 'Step 1 of 4 · the seed');
    assert.equal(frame.rule, '∂loss/∂loss = 1');
    assert.equal(frame.shapes, '()');
    assert.equal(frame.activeNode, 5);
    assert.equal(frame.upstreamNode, null);
  });

  it('a VJP: its rule and shapes, the upstream and the result with their shapes', () => {
    const frame = tensorStepFrame(context, 3)!;
    assert.equal(frame.title, 'Step 4 of 4 · (X @ W) → W (2 of 2)');
    assert.equal(frame.rule, '∂L/∂W = Xᵀ · ∂L/∂(X @ W)');
    assert.equal(frame.shapes, '(3, 2) = (3, 4) · (4, 2)');
    assert.deepEqual(
      frame.panes.map((pane) => [pane.role, pane.caption, pane.tensor.tag]),
      [
        ['upstream', 'upstream ∂loss/∂(X @ W)  (4, 2)', 'dY'],
        ['result', '∂loss/∂W (2 of 2)  (3, 2)', 'dW'],
      ],
    );
    assert.match(frame.details.join('\n'), /W is used 2 times/);
    assert.equal(frame.activeNode, 1);
    assert.equal(frame.upstreamNode, 2);
  });

  it('a VJP before broadcasting is undone says so; the reduce step shows both shapes', () => {
    assert.match(tensorStepFrame(context, 1)!.details.join('\n'), /next step sums it back/);
    const frame = tensorStepFrame(context, 2)!;
    assert.equal(frame.title, 'Step 3 of 4 · broadcasting undone → b');
    assert.equal(frame.shapes, '(4, 2) → (2,)');
    assert.deepEqual(
      frame.panes.map((pane) => [pane.role, pane.tensor.tag]),
      [
        ['broadcast', 'g'],
        ['result', 'db'],
      ],
    );
  });

  it('no frame past the end; the whole picture counts the steps', () => {
    assert.equal(tensorStepFrame(context, 4), undefined);
    assert.match(tensorWholePicture(4).details[0]!, /^4 steps/);
    assert.match(tensorWholePicture(0).details[0]!, /no gradient flows/);
  });
});
