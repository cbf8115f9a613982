/** Sample values: reproducible per key, of the distribution asked for. */
import assert from 'node:assert/strict';
import {
  linearInitDistribution,
  sampleKey,
  sampleValues,
  STANDARD_NORMAL,
  UNIT_UNIFORM,
  unseededNumpyRandom,
} from '../../../../../src/language/python/tensor/random/sampleRandom';

function mean(values: Float64Array): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function std(values: Float64Array): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / values.length);
}

describe('sampleValues', () => {
  it('gives the same values for the same key and others for another key or occurrence', () => {
    const key = sampleKey('torch.randn(3, 4)', 0);
    const first = sampleValues(key, STANDARD_NORMAL, [3, 4]);
    assert.equal(first.length, 12);
    assert.deepStrictEqual(sampleValues(key, STANDARD_NORMAL, [3, 4]), first);
    assert.notDeepStrictEqual(
      sampleValues(sampleKey('torch.randn(3, 4)', 1), STANDARD_NORMAL, [3, 4]),
      first,
    );
    assert.notDeepStrictEqual(sampleValues('torch.randn(3,4)#0', STANDARD_NORMAL, [3, 4]), first);
  });

  it('draws normals of the mean and deviation asked for', () => {
    const values = sampleValues(
      'rng.normal(2, 0.5, 20000)#0',
      { kind: 'normal', mean: 2, std: 0.5 },
      [20000],
    );
    assert.ok(Math.abs(mean(values) - 2) < 0.02, `mean ${mean(values)}`);
    assert.ok(Math.abs(std(values) - 0.5) < 0.02, `std ${std(values)}`);
  });

  it('draws uniforms inside their bounds, spread over them', () => {
    const values = sampleValues('torch.rand(10000)#0', UNIT_UNIFORM, [100, 100]);
    assert.ok(values.every((value) => value >= 0 && value < 1));
    assert.ok(Math.abs(mean(values) - 0.5) < 0.02);
    const linear = sampleValues('nn.Linear(16, 4)#0.weight', linearInitDistribution(16), [4, 16]);
    assert.ok(linear.every((value) => value >= -0.25 && value < 0.25));
    assert.ok(Math.max(...linear) > 0.2 && Math.min(...linear) < -0.2);
  });

  it('draws integers in [low, high), every one of them', () => {
    const values = sampleValues(
      'torch.randint(0, 5, (1000,))#0',
      { kind: 'integers', low: 0, high: 5 },
      [1000],
    );
    assert.ok(values.every((value) => Number.isInteger(value) && value >= 0 && value < 5));
    assert.deepStrictEqual(new Set(values), new Set([0, 1, 2, 3, 4]));
  });

  it('gives scalars for shape () and nothing for a zero-length axis', () => {
    assert.equal(sampleValues('torch.randn(())#0', STANDARD_NORMAL, []).length, 1);
    assert.equal(sampleValues('torch.randn(0, 3)#0', STANDARD_NORMAL, [0, 3]).length, 0);
  });

  it('gives unseeded NumPy code one fixed stream, every time', () => {
    assert.deepStrictEqual(unseededNumpyRandom().randn([4]), unseededNumpyRandom().randn([4]));
  });
});
