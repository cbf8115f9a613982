/** Numeric helpers shared by the op catalogue tests. */
import type { OpSpec } from '../../../src/engine/opSpec';

/** cbrt(machine epsilon): the step that balances truncation and rounding in central differences. */
const RELATIVE_STEP = Math.cbrt(Number.EPSILON);

/** ∂f/∂args[i] by central differences, with the step scaled to |args[i]|. */
export function centralDifference(spec: OpSpec, args: readonly number[], i: number): number {
  const x = args[i] ?? NaN;
  const h = RELATIVE_STEP * Math.max(1, Math.abs(x));
  const plus = [...args];
  const minus = [...args];
  plus[i] = x + h;
  minus[i] = x - h;
  // The step actually taken: x + h and x − h are rounded.
  const span = x + h - (x - h);
  return (spec.forward(plus) - spec.forward(minus)) / span;
}

/** |a − b| within `tolerance`, relative for large numbers and absolute for small ones. */
export function close(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return a === b;
  }
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Fails with both lists shown unless they agree element by element (NaN equals NaN, 0 equals −0). */
export function assertAllClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
  what: string,
): void {
  const agree =
    actual.length === expected.length &&
    actual.every((a, i) => close(a, expected[i] ?? NaN, tolerance));
  if (!agree) {
    throw new Error(`${what}: got [${actual.join(', ')}], expected [${expected.join(', ')}]`);
  }
}
