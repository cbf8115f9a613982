/**
 * The `never` check of an exhaustive `switch` over a discriminated union: a new member that a
 * switch forgets fails to compile there, and a value the types ruled out fails loudly here.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what} ${JSON.stringify(value)}`);
}
