/**
 * Sample values for random draws the tool does not reproduce exactly: `torch.randn`,
 * `np.random.default_rng(seed).normal(…)`, `jax.random.normal`, `nn.Linear`'s initial weights,
 * and NumPy's legacy stream when the code never seeds it (NumPy would seed from the OS). The
 * shape and the distribution are the code's; the values are a reproducible sample keyed by a
 * text (the call's text and its occurrence), so the same code shows the same values every time.
 * Whoever shows them must say they are samples.
 */
import type { Shape } from '../../../../engine/tensor/shape';
import { NumpyLegacyRandom } from './numpyLegacyRandom';

export type SampleDistribution =
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  /** Integers in [low, high), as `torch.randint` and `rng.integers` draw them. */
  | { readonly kind: 'integers'; readonly low: number; readonly high: number };

export const STANDARD_NORMAL: SampleDistribution = { kind: 'normal', mean: 0, std: 1 };
export const UNIT_UNIFORM: SampleDistribution = { kind: 'uniform', low: 0, high: 1 };

/** The key of one random call: its text and which occurrence of that text it is (0, 1, …). */
export function sampleKey(callText: string, occurrence: number): string {
  return `${callText}#${occurrence}`;
}

/** Row-major sample values of the shape, from the distribution, the same for the same key. */
export function sampleValues(
  key: string,
  distribution: SampleDistribution,
  shape: Shape,
): Float64Array {
  const random = keyedRandom(key);
  switch (distribution.kind) {
    case 'normal':
      return random.normal(distribution.mean, distribution.std, shape);
    case 'uniform':
      return random.uniform(distribution.low, distribution.high, shape);
    case 'integers':
      return random.randint(distribution.low, distribution.high, shape);
  }
}

/**
 * PyTorch's default initialisation of `nn.Linear(fanIn, …)`'s weight and bias:
 * U(−1/√fan_in, 1/√fan_in).
 */
export function linearInitDistribution(fanIn: number): SampleDistribution {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  return { kind: 'uniform', low: -bound, high: bound };
}

/**
 * The `np.random` state of code that never calls `np.random.seed`: a fixed seed, so the
 * sample is reproducible; its values are samples, not NumPy's.
 */
export function unseededNumpyRandom(): NumpyLegacyRandom {
  return new NumpyLegacyRandom(UNSEEDED_SEED);
}

const UNSEEDED_SEED = 20240613;

/** A generator seeded by the key's UTF-16 code units: distinct keys, distinct streams. */
function keyedRandom(key: string): NumpyLegacyRandom {
  const words = Array.from({ length: key.length + 1 }, (_, index) =>
    index < key.length ? key.charCodeAt(index) : key.length,
  );
  const random = new NumpyLegacyRandom();
  random.seed(words);
  return random;
}
