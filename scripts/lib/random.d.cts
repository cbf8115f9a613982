/** A generator of floats in [0, 1) that repeats exactly for the same `seed` (Mulberry32). */
export declare function mulberry32(seed: number): () => number;
