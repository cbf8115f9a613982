/**
 * Sources where the output does not use every input, and one where a constant exponent meets a
 * negative base: the cases of "No silent wrong number" (unused inputs listed apart, never with
 * a gradient of 0; constants with no gradient, never NaN), for the views' tests.
 */
import type { LanguageId } from '../../src/language/frontEnd';
import type { ScalarInspection } from '../../src/present/inspection';
import { inspectionOf } from './inspections';

export interface RebindingCase {
  readonly language: LanguageId;
  readonly source: string;
  /** Zero-based line of the second binding of x, the one f uses. */
  readonly usedLine: number;
  /** Zero-based line and column of the first binding's x where it is assigned. */
  readonly unusedWrite: readonly [number, number];
  /** Zero-based line and column of x read in `f0 = x * y` (the first binding). */
  readonly unusedRead: readonly [number, number];
  /** Zero-based line and column of x read in the line of f (the second binding). */
  readonly usedRead: readonly [number, number];
  /** Zero-based line and column of the output's name. */
  readonly output: readonly [number, number];
}

/** x is bound twice; f reads the second: ∂f/∂x = 3, ∂f/∂y = 1, `x (line 1)` not used. */
export const REBINDING: readonly RebindingCase[] = [
  {
    language: 'python',
    source: 'x = -2\ny = 5\nf0 = x * y\nx = -2\nf = x * 3 + y\n',
    usedLine: 3,
    unusedWrite: [0, 0],
    unusedRead: [2, 5],
    usedRead: [4, 4],
    output: [4, 0],
  },
  {
    language: 'javascript',
    source: 'var x = -2, y = 5;\nvar f0 = x * y;\nvar x = -2;\nvar f = x * 3 + y;\n',
    usedLine: 2,
    unusedWrite: [0, 4],
    unusedRead: [1, 9],
    usedRead: [3, 8],
    output: [3, 4],
  },
  {
    language: 'typescript',
    source: 'let x = -2, y = 5;\nconst f0 = x * y;\nx = -2;\nconst f = x * 3 + y;\n',
    usedLine: 2,
    unusedWrite: [0, 4],
    unusedRead: [1, 11],
    usedRead: [3, 10],
    output: [3, 6],
  },
];

/** A finite-difference step bound but never read by f. */
export const UNUSED_STEP = 'x = 2\nh = 0.0001\nf = x ** 3\n';

/** A squared error at a negative base: the constant exponent 2 must get no gradient (ln(−9)). */
export const SQUARED_ERROR = 'w = 2\nx = -3\nb = 1\nt = 4\nf = (w * x + b - t) ** 2\n';

export function pythonInspection(source: string): Promise<ScalarInspection> {
  return inspectionOf({ source, language: 'python' });
}
