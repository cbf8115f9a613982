/** TypeScript: everything JavaScript refuses or reads, and TypeScript's own constructs. */
import { codeEntries } from './javascript';
import { entry, reads, refused, type BadInput } from './types';

const STATEMENT = (what: string) =>
  new RegExp(`^${what} is not supported: select straight-line code`);

export const TYPESCRIPT: readonly BadInput[] = [
  ...codeEntries('TypeScript'),
  entry('an enum', 'enum E { A }', refused('unsupported', STATEMENT('an enum'))),
  entry(
    'an interface alone',
    'interface I { x: number }',
    refused('no-output', /nothing to inspect/),
  ),
  entry('a type alias alone', 'type T = number;', refused('no-output', /nothing to inspect/)),
  entry(
    'a namespace',
    'namespace N { export const x = 1; }',
    refused('unsupported', /an internal module is not supported/),
  ),
  entry('an abstract class', 'abstract class A {}', refused('unsupported', STATEMENT('a class'))),
  entry('a decorated class', '@dec class A {}', refused('unsupported', STATEMENT('a class'))),
  entry(
    'a destructured parameter',
    'function f({ a }: { a: number }) { return a; }',
    refused('unsupported', /a destructured parameter/),
  ),
  entry(
    'a typed rest parameter',
    'function f(...xs: number[]) { return xs[0]; }',
    refused('unsupported', /a rest parameter/),
  ),
  entry(
    'a this parameter (only a type)',
    'function f(this: Window, x: number) { return x * 2; }',
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry(
    'as, satisfies and ! together',
    'const f = ((x as number) satisfies number)! * 2;',
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry('an angle-bracket assertion', 'const f = <number>x * 2;', reads(6, { x: 2 }), { x: 3 }),
  entry('a double assertion', 'const f = (x as unknown as number) ** 2;', reads(9, { x: 6 }), {
    x: 3,
  }),
  entry(
    'the length of an assertion',
    'const f = (x as unknown as string).length;',
    refused('unsupported', /^`x` is used as a list, but it holds no list/),
  ),
  entry(
    'generics on a function',
    'function f<T extends number>(x: T): number { return x * 2; }',
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry('declare before use', 'declare const x: number;\nconst f = x * 2;', reads(6, { x: 2 }), {
    x: 3,
  }),
  entry(
    'an optional parameter',
    'function f(x?: number): number { return x! * 2; }',
    reads(6, { x: 2 }),
    { x: 3 },
  ),
];
