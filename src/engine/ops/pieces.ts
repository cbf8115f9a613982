/**
 * `piece` helpers for ops whose kinks or domain edges sit at fixed points. NaN falls in
 * piece 0 so that pieces stay comparable with `!==`.
 */

/** −1, 0 or 1 by the side of `edge` that `x` is on. */
export function side(x: number, edge: number): number {
  return x > edge ? 1 : x < edge ? -1 : 0;
}

/** Inside (−1, 1), on an edge, or outside, distinguishing the two sides. */
export function unitInterval(x: number): number {
  return side(x, -1) + side(x, 1);
}
