/** What a bare name means when it is not a function: a constant, or a variable. */
import { GREEK_LETTERS } from './latex';

const CONSTANTS = new Map<string, number>([
  ['pi', Math.PI],
  ['π', Math.PI],
  ['e', Math.E],
]);

/** The value of `pi`, `π` or `e`, unless the formula uses that name as a variable. */
export function constantValue(name: string, variables: ReadonlySet<string>): number | undefined {
  return variables.has(name) ? undefined : CONSTANTS.get(name);
}

/**
 * A name that reads like a function name (`cot`, `softmax`) rather than a variable (`x`,
 * `x_1`, `alpha`). Written right before `(`, such a name is taken as a call of an unknown
 * function instead of a silent product.
 */
export function isWordLike(name: string): boolean {
  const stem = name.split('_')[0] ?? name;
  return [...stem].length > 1 && !GREEK_LETTERS.has(stem);
}
