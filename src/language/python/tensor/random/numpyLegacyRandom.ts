/**
 * The state of NumPy's legacy `np.random` (RandomState) and its draws, reproduced exactly:
 * after `np.random.seed(0)`, `np.random.randn(5)` here gives NumPy's own five numbers. Each
 * method fills a row-major Float64Array of the shape's size and advances the stream as NumPy
 * does, so any interleaving of calls matches NumPy's.
 */
import { sizeOf, type Shape } from '../../../../engine/tensor/shape';
import { glibcLog } from './glibcLog';
import { Mt19937 } from './mt19937';

/** Integer ranges NumPy draws from single 32-bit words; wider ones are not reproduced. */
const LARGEST_WORD_RANGE = 0xffffffff;

export class NumpyLegacyRandom {
  private readonly generator: Mt19937;
  /** The polar method makes two Gaussians at a time; NumPy keeps the second for the next draw. */
  private cachedGauss: number | undefined;

  constructor(seed = 0) {
    this.generator = new Mt19937(seed);
  }

  /** `np.random.seed(n)`, or `np.random.seed([a, b, …])` for an array: also drops the cached Gaussian. */
  seed(seed: number | readonly number[]): void {
    if (typeof seed === 'number') {
      this.generator.seed(seed);
    } else {
      this.generator.seedByArray(seed);
    }
    this.cachedGauss = undefined;
  }

  /** `np.random.randn(*shape)`. */
  randn(shape: Shape): Float64Array {
    return this.standardNormal(shape);
  }

  /** `np.random.standard_normal(shape)`. */
  standardNormal(shape: Shape): Float64Array {
    return this.fill(shape, () => this.gauss());
  }

  /** `np.random.normal(loc, scale, shape)`. */
  normal(loc: number, scale: number, shape: Shape): Float64Array {
    if (!(scale >= 0)) {
      throw new RangeError(`np.random.normal: scale must be non-negative, not ${scale}`);
    }
    return this.fill(shape, () => loc + scale * this.gauss());
  }

  /** `np.random.rand(*shape)`. */
  rand(shape: Shape): Float64Array {
    return this.randomSample(shape);
  }

  /** `np.random.random_sample(shape)` (also `np.random.random`): doubles in [0, 1). */
  randomSample(shape: Shape): Float64Array {
    return this.fill(shape, () => this.generator.nextDouble());
  }

  /** `np.random.uniform(low, high, shape)`: low + (high − low)·U, as NumPy computes it. */
  uniform(low: number, high: number, shape: Shape): Float64Array {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`np.random.uniform: the range ${low} to ${high} overflows`);
    }
    return this.fill(shape, () => low + range * this.generator.nextDouble());
  }

  /**
   * `np.random.randint(low, high, shape)`: integers in [low, high), drawn as NumPy's legacy
   * int64 path does for ranges that fit 32 bits: masked rejection sampling on 32-bit words.
   */
  randint(low: number, high: number, shape: Shape): Float64Array {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new RangeError(`np.random.randint: bounds must be integers, not ${low} and ${high}`);
    }
    if (high <= low) {
      throw new RangeError(`np.random.randint: low >= high (${low} >= ${high})`);
    }
    const range = high - 1 - low;
    if (range > LARGEST_WORD_RANGE) {
      throw new RangeError(
        `np.random.randint: a range of ${high - low} integers (more than 2**32) is not reproduced`,
      );
    }
    return this.fill(shape, () => low + this.boundedWord(range));
  }

  /** `np.random.permutation(n)`: 0 … n − 1 shuffled as NumPy's legacy Fisher–Yates does. */
  permutation(n: number): Float64Array {
    if (!Number.isSafeInteger(n) || n < 0 || n - 1 > LARGEST_WORD_RANGE) {
      throw new RangeError(`np.random.permutation: ${n} is not a length reproduced here`);
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      values[i] = i;
    }
    for (let i = n - 1; i > 0; i -= 1) {
      const j = this.boundedWord(i);
      const held = values[j] ?? 0;
      values[j] = values[i] ?? 0;
      values[i] = held;
    }
    return values;
  }

  /** `np.random.choice(n, shape)` with replacement and no weights: `randint(0, n, shape)`. */
  choice(n: number, shape: Shape): Float64Array {
    return this.randint(0, n, shape);
  }

  private fill(shape: Shape, draw: () => number): Float64Array {
    const values = new Float64Array(sizeOf(shape));
    for (let i = 0; i < values.length; i += 1) {
      values[i] = draw();
    }
    return values;
  }

  /** A uniform integer in [0, range]: a 32-bit word under the smallest covering mask, retried above range. */
  private boundedWord(range: number): number {
    if (range === 0) {
      return 0;
    }
    if (range === LARGEST_WORD_RANGE) {
      return this.generator.nextUint32();
    }
    const mask = coveringMask(range);
    for (;;) {
      const value = (this.generator.nextUint32() & mask) >>> 0;
      if (value <= range) {
        return value;
      }
    }
  }

  /** NumPy's legacy Gaussian: Marsaglia's polar method, the second value kept for the next call. */
  private gauss(): number {
    if (this.cachedGauss !== undefined) {
      const cached = this.cachedGauss;
      this.cachedGauss = undefined;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.generator.nextDouble() - 1.0;
      x2 = 2.0 * this.generator.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
    this.cachedGauss = f * x1;
    return f * x2;
  }
}

/** The smallest mask 2ᵏ − 1 ≥ range, for a range below 2³². */
function coveringMask(range: number): number {
  let mask = range;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}
