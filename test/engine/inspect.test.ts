import assert from 'node:assert/strict';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { inspectGraph } from '../../src/engine/inspect';
import { describeStep } from '../../src/engine/stepText';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';

describe('inspection result', () => {
  const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);

  it('names the output and gives its value and every input gradient', () => {
    assert.deepEqual(result.output, { id: 4, name: 'f', value: -12 });
    assert.equal(result.value, -12);
    assert.deepEqual(result.grads, { x: -4, y: -4, z: 3 });
    assert.deepEqual(
      result.inputs.map((input) => [input.name, input.value, input.grad]),
      [
        ['x', -2, -4],
        ['y', 5, -4],
        ['z', -4, 3],
      ],
    );
  });

  it('gives readable symbolic derivatives in the code’s names: ∂f/∂x = z, ∂f/∂z = q', () => {
    const byName = Object.fromEntries(
      result.inputs.map((input) => [input.name, input.symbolic?.text]),
    );
    assert.deepEqual(byName, { x: 'z', y: 'z', z: 'q' });
  });

  it('labels nodes by name and op symbol, with local partial formulas', () => {
    const f = result.nodes[4];
    assert.equal(f?.symbol, '×');
    assert.equal(f?.label, 'f');
    assert.deepEqual(
      f?.partials.map((partial) => [partial.formula, partial.value]),
      [
        ['z', -4],
        ['q', 3],
      ],
    );
    assert.deepEqual(result.nodes[2]?.gates, ['distributor']);
    assert.deepEqual(result.nodes[4]?.gates, ['swap multiplier']);
  });

  it('spells each step as upstream × local = product, in backprop order', () => {
    const lines = result.steps.map((step) => describeStep(step, result).equation);
    assert.deepEqual(lines, [
      '∂f/∂f = 1',
      '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · 3 = 3',
      '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · (−4) = −4',
      '∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4',
      '∂f/∂x = ∂f/∂q · ∂q/∂x = (−4) · 1 = −4',
    ]);
    const local = result.steps.map((step) => describeStep(step, result).local);
    assert.equal(local[1], '∂f/∂z = q = 3');
    assert.equal(local[2], '∂f/∂q = z = −4');
  });

  it('marks fan-out as a gradient adder and explains the sum', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const y = builder.input('y');
    const a = builder.op('mul', [x, y], { name: 'a' });
    builder.op('add', [a, x], { name: 'f' });
    const fanOut = inspectGraph(builder.build(), { x: 3, y: 2 });
    assert.deepEqual(fanOut.nodes[x]?.gates, ['adder']);
    assert.equal(fanOut.grads.x, 3);
    const last = fanOut.steps.at(-1);
    assert.ok(last !== undefined);
    assert.equal(describeStep(last, fanOut).accumulation, '∂f/∂x = 1 + 2 = 3 (use 2 of 2)');
  });

  it('names the first node that produced a non-finite value', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const l = builder.op('log', [x], { name: 'l' });
    builder.op('exp', [l], { name: 'f' });
    const nan = inspectGraph(builder.build(), { x: -1 });
    assert.ok(Number.isNaN(nan.value));
    assert.equal(nan.firstNonFinite?.node, 1);
    assert.match(nan.firstNonFinite?.message ?? '', /^l is NaN/);
  });

  it('flags kinks with the PyTorch convention: relu at 0 has gradient 0', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    builder.op('relu', [x], { name: 'f' });
    const kinked = inspectGraph(builder.build(), { x: 0 }, { check: true });
    assert.equal(kinked.grads.x, 0);
    assert.ok(kinked.nodes[1]?.kink !== undefined);
    assert.match(kinked.check?.[0]?.note ?? '', /crosses a kink at f/);
  });

  it('any node can be the output', () => {
    const q = inspectGraph(referenceGraph(), REFERENCE_VALUES, { output: 2 });
    assert.equal(q.output.name, 'q');
    assert.deepEqual(q.grads, { x: 1, y: 1 });
    assert.deepEqual(
      q.unused.map((input) => input.name),
      ['z'],
    );
    assert.equal(q.nodes[4]?.grad, undefined);
  });

  it('the tape path (no steps) gives the same gradients', () => {
    const fast = inspectGraph(referenceGraph(), REFERENCE_VALUES, { steps: false });
    assert.deepEqual(fast.grads, result.grads);
    assert.equal(fast.steps.length, 0);
  });

  it('a gradient check agrees with the analytic gradients', () => {
    const checked = inspectGraph(referenceGraph(), REFERENCE_VALUES, { check: true });
    for (const check of checked.check ?? []) {
      assert.equal(check.verdict, 'ok', `${check.input}: ${check.relativeError}`);
    }
    assert.equal(checked.check?.length, 3);
  });

  it('is plain data that survives JSON', () => {
    const copy = JSON.parse(JSON.stringify(result)) as typeof result;
    assert.deepEqual(copy.grads, result.grads);
    assert.equal(copy.steps.length, 5);
  });
});
