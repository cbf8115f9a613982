/**
 * The texts of a tensor node's details: an element's chain rule written out (the sum of every
 * use, a warning when the terms and the backward step disagree, the output's own seed), and the
 * element a table cell stands for when two axes are shown and the others sliced.
 */
import { strict as assert } from 'node:assert';
import type { ElementChain, StepChain } from '../../src/engine/tensor/elementChain';
import { cellIndex, elementChainText } from '../../src/present/tensorDetails';

const step: StepChain = {
  step: 3,
  from: 2,
  operandIndex: 0,
  formula: '∂L/∂x[1] = Σⱼ ∂y[j]/∂x[1] · ∂L/∂y[j]',
  upstreamName: '∂L/∂y',
  terms: [{ at: [0], localText: '2', local: 2, upstream: 0.5, product: 1 }],
  more: 1,
  sum: 4,
  recorded: 4,
  agrees: true,
};

const chain: ElementChain = {
  node: 0,
  index: [1],
  name: 'x[1]',
  value: -2,
  grad: 7,
  seed: false,
  steps: [step, { ...step, step: 5, more: 0, sum: 3, recorded: 3 }],
};

describe('tensor details texts', () => {
  it('writes each term, the terms not listed, each use’s sum and the total of the uses', () => {
    const text = elementChainText(chain, 6);
    assert.equal(text.value, 'x[1] = −2');
    assert.equal(text.gradient, '∂L/∂x[1] = 7');
    assert.deepEqual(text.steps[0], {
      formula: '∂L/∂x[1] = Σⱼ ∂y[j]/∂x[1] · ∂L/∂y[j]',
      terms: ['2 · ∂L/∂y[0] = 2 × 0.5 = 1'],
      more: '… 1 more term',
      sum: '= 4 (Σ of 2 terms)',
    });
    assert.equal(text.steps[1]?.sum, '= 3 (1 term)');
    assert.equal(text.total, '∂L/∂x[1] = 4 + 3 = 7 (2 uses)');
  });

  it('warns when the terms do not add up to what the step recorded', () => {
    const text = elementChainText({ ...chain, steps: [{ ...step, sum: NaN, agrees: false }] }, 6);
    assert.equal(
      text.steps[0]?.warning,
      'The terms add up to NaN, the backward step recorded 4: a NaN or ∞ in ∂L/∂ of the consumer enters terms the step skips.',
    );
    assert.equal(text.total, undefined);
  });

  it('says the output’s gradient is the seed, and when an element has none', () => {
    const seed = elementChainText({ ...chain, grad: 1, seed: true, steps: [] }, 6);
    assert.equal(seed.gradient, '∂L/∂x[1] = 1 (the output itself: ∂L/∂L = 1)');
    const without: ElementChain = {
      node: 0,
      index: [1],
      name: 'x[1]',
      value: -2,
      seed: false,
      steps: [],
    };
    assert.equal(elementChainText(without, 6).gradient, '∂L/∂x[1]: none (no gradient reaches it)');
  });

  it('finds the element of a cell: rows on axis 3, columns on axis 0, axes 1 and 2 sliced', () => {
    assert.deepEqual(cellIndex(4, [3, 0], [5, 6], 1, 2), [2, 5, 6, 1]);
    assert.deepEqual(cellIndex(1, [0], [], 4, 0), [4]);
    assert.deepEqual(cellIndex(0, [], [], 0, 0), []);
  });
});
