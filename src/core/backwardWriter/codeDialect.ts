/**
 * How the written backward pass spells statements in the file's language: Python's
 * `dx = …` / `dx += …`, JavaScript's and TypeScript's `let dx = …;` / `dx += …;` (semicolons
 * as the file writes them), and which math module the file already has for `exp`, `log`, ….
 */
import type { LanguageId } from '../../language/frontEnd';

export interface CodeDialect {
  readonly language: 'python' | 'javascript' | 'typescript';
  /** The first assignment of a gradient: `dx = e` or `let dx = e;`. */
  declare(name: string, expression: string): string;
  /** A later contribution: `dx += e`. */
  accumulate(target: string, expression: string): string;
  /** `math.exp(a)`, `Math.exp(a)`; undefined when the file has no module that spells `fn`. */
  call(fn: MathFunction, argument: string): string | undefined;
  /** `(a > 0)` as a number: `(1.0 if a > 0 else 0.0)`, `(a > 0 ? 1 : 0)`. */
  positive(argument: string): string;
}

const MATH_FUNCTIONS = ['exp', 'log', 'sqrt', 'sin', 'cos', 'tanh'] as const;

export type MathFunction = (typeof MATH_FUNCTIONS)[number];

export function isMathFunction(name: string): name is MathFunction {
  return (MATH_FUNCTIONS as readonly string[]).includes(name);
}

export function codeDialect(language: LanguageId, source: string): CodeDialect | undefined {
  switch (language) {
    case 'python':
      return pythonDialect(source);
    case 'javascript':
    case 'typescript':
      return javascriptDialect(language, source);
    case 'math':
      return undefined;
  }
}

function pythonDialect(source: string): CodeDialect {
  const module = pythonMathModule(source);
  const imported = pythonImportedNames(source);
  return {
    language: 'python',
    declare: (name, expression) => `${name} = ${expression}`,
    accumulate: (target, expression) => `${target} += ${expression}`,
    call: (fn, argument) => {
      if (module !== undefined) {
        return `${module}.${fn}(${argument})`;
      }
      return imported.has(fn) ? `${fn}(${argument})` : undefined;
    },
    positive: (argument) => `(1.0 if ${argument} > 0 else 0.0)`,
  };
}

/** `import math` or `import math as m`; NumPy's functions take scalars too. */
function pythonMathModule(source: string): string | undefined {
  const math = /^\s*import\s+math(?:\s+as\s+(\w+))?\s*$/m.exec(source);
  if (math !== null) {
    return math[1] ?? 'math';
  }
  const numpy = /^\s*import\s+numpy(?:\s+as\s+(\w+))?\s*$/m.exec(source);
  return numpy === null ? undefined : (numpy[1] ?? 'numpy');
}

/** The names `from math import exp, log` brings in. */
function pythonImportedNames(source: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/^\s*from\s+(?:math|numpy)\s+import\s+([\w\s,]+)$/gm)) {
    for (const name of (match[1] ?? '').split(',')) {
      const plain = /^\s*(\w+)\s*$/.exec(name);
      if (plain?.[1] !== undefined) {
        names.add(plain[1]);
      }
    }
  }
  return names;
}

function javascriptDialect(language: 'javascript' | 'typescript', source: string): CodeDialect {
  const end = usesSemicolons(source) ? ';' : '';
  return {
    language,
    declare: (name, expression) => `let ${name} = ${expression}${end}`,
    accumulate: (target, expression) => `${target} += ${expression}${end}`,
    call: (fn, argument) => `Math.${fn}(${argument})`,
    positive: (argument) => `(${argument} > 0 ? 1 : 0)`,
  };
}

/** Most code lines end with `;`: the file's style (Prettier's default, or standard's none). */
function usesSemicolons(source: string): boolean {
  const lines = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /[\w)\]'"`]$|;$/.test(line) && !line.startsWith('//'));
  const ended = lines.filter((line) => line.endsWith(';')).length;
  return lines.length === 0 || ended * 2 >= lines.length;
}
