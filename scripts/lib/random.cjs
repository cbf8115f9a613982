'use strict';
/**
 * The one seeded random generator of the tests, the benchmarks and the scripts (Mulberry32:
 * 32 bits of state, uniform floats in [0, 1)). A CommonJS module so that the TypeScript tests
 * (through tsx) and the plain-node .mjs benchmarks import the same file; random.d.cts types it.
 */

/** A generator of floats in [0, 1) that repeats exactly for the same `seed`. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { mulberry32 };
