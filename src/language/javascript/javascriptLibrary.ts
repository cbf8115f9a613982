/**
 * JavaScript's `Math` functions (read from the op records' `javascript` spellings) and
 * constants as engine ops.
 */
import { spellingsOf, type LibraryFunction, type NamedConstant } from '../code/libraryFunctions';

/** `Math.exp` … by their property name. */
export const MATH_FUNCTIONS: ReadonlyMap<string, LibraryFunction> = spellingsOf(
  'javascript',
  (written) => {
    if (!written.startsWith('Math.')) {
      throw new Error(`javascript: \`${written}\` is no Math function`);
    }
    return written.slice('Math.'.length);
  },
  {},
);

export const MATH_CONSTANTS: ReadonlyMap<string, NamedConstant> = new Map([
  ['PI', { value: Math.PI, text: 'π' }],
  ['E', { value: Math.E, text: 'e' }],
  ['LN2', { value: Math.LN2, text: 'ln 2' }],
  ['LN10', { value: Math.LN10, text: 'ln 10' }],
  ['LOG2E', { value: Math.LOG2E, text: 'log₂ e' }],
  ['LOG10E', { value: Math.LOG10E, text: 'log₁₀ e' }],
  ['SQRT2', { value: Math.SQRT2, text: '√2' }],
  ['SQRT1_2', { value: Math.SQRT1_2, text: '√½' }],
]);

/** Global names that are numbers. */
export const GLOBAL_CONSTANTS: ReadonlyMap<string, NamedConstant> = new Map([
  ['Infinity', { value: Infinity, text: '∞' }],
  ['NaN', { value: NaN, text: 'NaN' }],
]);
