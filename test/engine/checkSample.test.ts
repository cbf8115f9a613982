import assert from 'node:assert/strict';
import { checkSample, checkSampleNote, MAX_CHECKED_INPUTS } from '../../src/engine/checkSample';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { inspectGraph } from '../../src/engine/inspect';
import type { Graph } from '../../src/engine/ir';

/** Σ sin(xᵢ)·xᵢ over `count` inputs: ∂/∂xᵢ = cos(xᵢ)·xᵢ + sin(xᵢ). */
function sumOfInputs(count: number): { graph: Graph; values: Record<string, number> } {
  const g = new GraphBuilder();
  const values: Record<string, number> = {};
  let sum: number | undefined;
  for (let i = 0; i < count; i += 1) {
    const x = g.input(`x${i}`);
    values[`x${i}`] = 0.1 * (i + 1);
    const term = g.op('mul', [g.op('sin', [x]), x]);
    sum = sum === undefined ? term : g.op('add', [sum, term]);
  }
  return { graph: g.build(sum), values };
}

describe('the sampled gradient check', () => {
  it('checks every input when there are at most 20', () => {
    const { graph, values } = sumOfInputs(MAX_CHECKED_INPUTS);
    const result = inspectGraph(graph, values, { check: true });
    assert.equal(result.check?.length, MAX_CHECKED_INPUTS);
    assert.equal(checkSampleNote(result), undefined);
  });

  it('checks a fixed sample of 20 of 50 inputs, in graph order, and says it is a sample', () => {
    const { graph, values } = sumOfInputs(50);
    const result = inspectGraph(graph, values, { check: true });
    const checked = result.check?.map((check) => check.input) ?? [];
    assert.equal(checked.length, MAX_CHECKED_INPUTS);
    assert.equal(new Set(checked).size, MAX_CHECKED_INPUTS);
    const order = checked.map((name) => Number(name.slice(1)));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    // The same sample on every inspection of the same code.
    const again = inspectGraph(graph, values, { check: true });
    assert.deepEqual(
      again.check?.map((check) => check.input),
      checked,
    );
    for (const check of result.check ?? []) {
      const x = values[check.input]!;
      assert.ok(Math.abs(check.analytic - (Math.cos(x) * x + Math.sin(x))) < 1e-12);
      assert.equal(check.verdict, 'ok');
    }
    assert.equal(
      checkSampleNote(result),
      'gradient check: a fixed sample of 20 of the 50 inputs (each probe evaluates the whole graph twice)',
    );
  });

  it('samples from all of the inputs, not the first 20', () => {
    const names = Array.from({ length: 60 }, (_, i) => `x${i}`);
    const picked = new Set<string>();
    for (let count = 21; count <= 60; count += 1) {
      const sample = checkSample(names.slice(0, count));
      assert.equal(sample.of, count);
      assert.equal(sample.inputs.length, MAX_CHECKED_INPUTS);
      sample.inputs.forEach((name) => picked.add(name));
    }
    assert.ok(picked.size >= 55, `${picked.size} of 60 inputs ever picked`);
    assert.ok(picked.has('x0') && picked.has('x58'));
  });
});
