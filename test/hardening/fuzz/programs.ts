/**
 * Random valid programs for the fuzz tests: one expression tree over + − * / ** and scalar
 * functions, written as each language writes it. Every function stays inside its domain
 * (log and sqrt of 1 + t², division by 1 + t²) and magnitudes stay moderate, so all front ends
 * must agree to rounding.
 */
import fc from 'fast-check';

export type Language = 'math' | 'python' | 'javascript' | 'typescript';
export const INPUTS = ['a', 'b', 'c'] as const;

type Unary =
  'neg' | 'exp' | 'log' | 'sqrt' | 'tanh' | 'sin' | 'cos' | 'sigmoid' | 'square' | 'cube';
type Binary = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min' | 'pow';

export type Tree =
  | { readonly kind: 'input'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'unary'; readonly op: Unary; readonly arg: Tree; readonly module: number }
  | { readonly kind: 'binary'; readonly op: Binary; readonly left: Tree; readonly right: Tree };

const UNARY: readonly Unary[] = [
  'neg',
  'exp',
  'log',
  'sqrt',
  'tanh',
  'sin',
  'cos',
  'sigmoid',
  'square',
  'cube',
];
const BINARY: readonly Binary[] = ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow'];

export const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'medium', maxDepth: 6, withCrossShrink: true },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...INPUTS).map((name): Tree => ({ kind: 'input', name })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: -30, max: 30 })
        .map((tenths): Tree => ({ kind: 'number', value: tenths / 10 || 0.5 })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...UNARY), tie('tree'), fc.nat({ max: 2 }))
        .map(([op, arg, module]): Tree => ({ kind: 'unary', op, arg, module })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...BINARY), tie('tree'), tie('tree'))
        .map(([op, left, right]): Tree => ({ kind: 'binary', op, left, right })),
    },
  ),
})).tree;

/** A value for each input, away from 0 so that no max/min ties hide in rounding. */
export const inputValues: fc.Arbitrary<Record<string, number>> = fc.record({
  a: fc.double({ min: -2, max: 2, noNaN: true }),
  b: fc.double({ min: -2, max: 2, noNaN: true }),
  c: fc.double({ min: -2, max: 2, noNaN: true }),
});

/** Python reads the same functions from math, numpy and torch. */
const PYTHON_MODULES = ['math', 'np', 'torch'] as const;

export function render(node: Tree, language: Language): string {
  switch (node.kind) {
    case 'input':
      return node.name;
    case 'number':
      return node.value < 0 ? `(${node.value})` : String(node.value);
    case 'unary':
      return unary(node, render(node.arg, language), language);
    case 'binary':
      return binary(node.op, render(node.left, language), render(node.right, language), language);
  }
}

function fn(name: string, arg: string, language: Language, module = 0): string {
  switch (language) {
    case 'math':
      return `${name === 'log' ? 'ln' : name}(${arg})`;
    case 'python':
      return `${PYTHON_MODULES[module] ?? 'math'}.${name}(${arg})`;
    default:
      return `Math.${name}(${arg})`;
  }
}

function power(base: string, exponent: string, language: Language): string {
  return language === 'math' ? `((${base})^(${exponent}))` : `((${base}) ** (${exponent}))`;
}

function onePlusSquare(t: string, language: Language): string {
  return `(1 + ${power(t, '2', language)})`;
}

function unary(node: Tree & { kind: 'unary' }, t: string, language: Language): string {
  switch (node.op) {
    case 'neg':
      return `(-(${t}))`;
    case 'exp':
      // exp of a bounded argument, so that nested exponentials stay finite.
      return fn('exp', fn('tanh', t, language, node.module), language, node.module);
    case 'log':
    case 'sqrt':
      return fn(node.op, onePlusSquare(t, language), language, node.module);
    case 'tanh':
    case 'sin':
    case 'cos':
      return fn(node.op, t, language, node.module);
    case 'sigmoid':
      switch (language) {
        case 'math':
          return node.module === 0 ? `σ(${t})` : `sigmoid(${t})`;
        case 'python':
          return `torch.sigmoid(${t})`;
        default:
          return `(1 / (1 + Math.exp(-(${t}))))`;
      }
    case 'square':
      return power(t, '2', language);
    case 'cube':
      return power(t, '3', language);
  }
}

function binary(op: Binary, left: string, right: string, language: Language): string {
  switch (op) {
    case 'add':
      return `(${left} + ${right})`;
    case 'sub':
      return `(${left} - ${right})`;
    case 'mul':
      return `(${left} * ${right})`;
    case 'div':
      return `(${left} / ${onePlusSquare(right, language)})`;
    case 'max':
    case 'min':
      return language === 'math' || language === 'python'
        ? `${op}(${left}, ${right})`
        : `Math.${op}(${left}, ${right})`;
    case 'pow':
      // A positive base and a bounded exponent: x^y is defined and moderate.
      return power(onePlusSquare(left, language), fn('tanh', right, language), language);
  }
}

/** The tree as a whole program in `form`; its output is `f`. */
export function program(node: Tree, language: Language, form: number): string {
  const body = render(node, language);
  const params = INPUTS.join(', ');
  switch (language) {
    case 'math':
      return [body, `f = ${body}`, `f(${params}) = ${body}`][form % 3] ?? body;
    case 'python':
      return [
        `import numpy as np\nimport torch\nf = ${body}`,
        `import math, torch\nimport numpy as np\n\ndef f(${params}):\n    return ${body}\n`,
        `import torch\nimport numpy as np\nf = lambda ${params}: ${body}`,
      ][form % 3] as string;
    default: {
      const typed = language === 'typescript' ? ': number' : '';
      const typedParams = INPUTS.map((name) => `${name}${typed}`).join(', ');
      return [
        `const f${typed} = ${body};`,
        `function f(${typedParams})${typed} {\n  return ${body};\n}`,
        `const f = (${typedParams})${typed} => ${body};`,
      ][form % 3] as string;
    }
  }
}
