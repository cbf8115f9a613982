/**
 * The Mersenne Twister MT19937 as NumPy's legacy `np.random` (RandomState) drives it: the same
 * seeding (`init_genrand` for an integer seed, `init_by_array` for an array seed), the same
 * 32-bit words and the same doubles, so seeded NumPy code gives NumPy's own numbers.
 */

const STATE_LENGTH = 624;
const SHIFT = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const LARGEST_SEED = 0xffffffff;

export class Mt19937 {
  private readonly key = new Uint32Array(STATE_LENGTH);
  private position = STATE_LENGTH;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** `np.random.seed(n)` for an integer n in [0, 2³² − 1] (NumPy refuses any other). */
  seed(seed: number): void {
    checkSeedWord(seed);
    this.initGenrand(seed);
  }

  /** `np.random.seed([a, b, …])`: the reference `init_by_array`, as NumPy seeds from a list. */
  seedByArray(words: readonly number[]): void {
    if (words.length === 0) {
      throw new RangeError('a seed array must not be empty');
    }
    words.forEach(checkSeedWord);
    const key = this.key;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(STATE_LENGTH, words.length); k > 0; k -= 1) {
      const previous = key[i - 1] ?? 0;
      const mixed = Math.imul(previous ^ (previous >>> 30), 1664525);
      key[i] = ((key[i] ?? 0) ^ mixed) + (words[j] ?? 0) + j;
      i += 1;
      j += 1;
      if (i >= STATE_LENGTH) {
        key[0] = key[STATE_LENGTH - 1] ?? 0;
        i = 1;
      }
      if (j >= words.length) {
        j = 0;
      }
    }
    for (let k = STATE_LENGTH - 1; k > 0; k -= 1) {
      const previous = key[i - 1] ?? 0;
      const mixed = Math.imul(previous ^ (previous >>> 30), 1566083941);
      key[i] = ((key[i] ?? 0) ^ mixed) - i;
      i += 1;
      if (i >= STATE_LENGTH) {
        key[0] = key[STATE_LENGTH - 1] ?? 0;
        i = 1;
      }
    }
    // Most significant bit 1: the state is never all zeros.
    key[0] = UPPER_MASK;
    this.position = STATE_LENGTH;
  }

  /** The next 32-bit word (`genrand_int32`), an integer in [0, 2³²). */
  nextUint32(): number {
    if (this.position >= STATE_LENGTH) {
      this.twist();
    }
    let y = this.key[this.position]!;
    this.position += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** NumPy's `random_sample`: 53 random bits from two words, a double in [0, 1). */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  private initGenrand(seed: number): void {
    const key = this.key;
    key[0] = seed;
    for (let i = 1; i < STATE_LENGTH; i += 1) {
      const previous = key[i - 1] ?? 0;
      // Uint32Array stores the sum modulo 2³², as the reference's `& 0xffffffff` does.
      key[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
    this.position = STATE_LENGTH;
  }

  private twist(): void {
    const key = this.key;
    // The reference's three loops: no index wraps inside the first two.
    let i = 0;
    for (; i < STATE_LENGTH - SHIFT; i += 1) {
      key[i] = mixed(key[i + SHIFT]!, key[i]!, key[i + 1]!);
    }
    for (; i < STATE_LENGTH - 1; i += 1) {
      key[i] = mixed(key[i + SHIFT - STATE_LENGTH]!, key[i]!, key[i + 1]!);
    }
    key[i] = mixed(key[SHIFT - 1]!, key[i]!, key[0]!);
    this.position = 0;
  }
}

/** One step of the twist: the upper bit of one word, the lower bits of the next. */
function mixed(far: number, word: number, next: number): number {
  const y = (word & UPPER_MASK) | (next & LOWER_MASK);
  return far ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
}

function checkSeedWord(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > LARGEST_SEED) {
    throw new RangeError(`a seed must be an integer between 0 and 2**32 - 1, not ${seed}`);
  }
}
