/**
 * Random programs for the corpus tests: one random formula over a, b, c, written as each
 * language writes it (as an expression, assignments with temporaries, a function, a lambda or
 * arrow function) and in math notation, so their gradients can be compared. Seeded, so every
 * run checks the same programs.
 */

type Unary = 'neg' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'abs' | 'square';
type Binary = 'add' | 'sub' | 'mul' | 'div' | 'max';

export type Formula =
  | { readonly kind: 'input'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'unary'; readonly op: Unary; readonly arg: Formula }
  | {
      readonly kind: 'binary';
      readonly op: Binary;
      readonly left: Formula;
      readonly right: Formula;
    };

export type Dialect = 'python' | 'javascript' | 'math';

export const INPUTS = ['a', 'b', 'c'] as const;

/** The shared seeded generator (Mulberry32): small, fast and good enough to pick shapes. */
export { mulberry32 as random } from '../../../scripts/lib/random.cjs';

const UNARY: readonly Unary[] = [
  'neg',
  'exp',
  'log',
  'sqrt',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'abs',
  'square',
];
const BINARY: readonly Binary[] = ['add', 'sub', 'mul', 'div', 'max'];

export function randomFormula(next: () => number, depth: number): Formula {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  if (depth === 0 || next() < 0.2) {
    return next() < 0.8
      ? { kind: 'input', name: pick(INPUTS) }
      : { kind: 'number', value: Math.round(next() * 40 - 20) / 10 || 1.5 };
  }
  if (next() < 0.4) {
    return { kind: 'unary', op: pick(UNARY), arg: randomFormula(next, depth - 1) };
  }
  return {
    kind: 'binary',
    op: pick(BINARY),
    left: randomFormula(next, depth - 1),
    right: randomFormula(next, depth - 1),
  };
}

/**
 * The formula in one dialect, fully parenthesized. Every function is kept inside its domain:
 * log and sqrt of 1 + t², division by 1 + t², exp of tanh(t), so the values stay finite.
 */
export function render(
  formula: Formula,
  dialect: Dialect,
  name = (input: string) => input,
): string {
  switch (formula.kind) {
    case 'input':
      return name(formula.name);
    case 'number':
      return formula.value < 0 ? `(${formula.value})` : String(formula.value);
    case 'unary':
      return unary(formula.op, render(formula.arg, dialect, name), dialect);
    case 'binary':
      return binary(
        formula.op,
        render(formula.left, dialect, name),
        render(formula.right, dialect, name),
        dialect,
      );
  }
}

const PREFIX: Readonly<Record<Dialect, string>> = {
  python: 'math.',
  javascript: 'Math.',
  math: '',
};

function call(fn: string, arg: string, dialect: Dialect): string {
  const spelled = dialect === 'math' && fn === 'log' ? 'ln' : fn;
  return `${PREFIX[dialect]}${spelled}(${arg})`;
}

function power(base: string, exponent: number, dialect: Dialect): string {
  return dialect === 'math' ? `(${base})^${exponent}` : `((${base}) ** ${exponent})`;
}

function onePlusSquare(t: string, dialect: Dialect): string {
  return `(1 + ${power(t, 2, dialect)})`;
}

function unary(op: Unary, t: string, dialect: Dialect): string {
  switch (op) {
    case 'neg':
      return `(-(${t}))`;
    case 'exp':
      return call(
        'exp',
        dialect === 'python' ? `math.tanh(${t})` : call('tanh', t, dialect),
        dialect,
      );
    case 'log':
    case 'sqrt':
      return call(op, onePlusSquare(t, dialect), dialect);
    case 'sin':
    case 'cos':
    case 'tanh':
      return call(op, t, dialect);
    case 'sigmoid':
      if (dialect === 'math') {
        return `sigmoid(${t})`;
      }
      return dialect === 'python' ? `torch.sigmoid(${t})` : `(1 / (1 + Math.exp(-(${t}))))`;
    case 'abs':
      return dialect === 'math'
        ? `abs(${t})`
        : dialect === 'python'
          ? `abs(${t})`
          : `Math.abs(${t})`;
    case 'square':
      return power(t, 2, dialect);
  }
}

function binary(op: Binary, left: string, right: string, dialect: Dialect): string {
  switch (op) {
    case 'add':
      return `(${left} + ${right})`;
    case 'sub':
      return `(${left} - ${right})`;
    case 'mul':
      return `(${left} * ${right})`;
    case 'div':
      return `(${left} / ${onePlusSquare(right, dialect)})`;
    case 'max':
      return dialect === 'javascript' ? `Math.max(${left}, ${right})` : `max(${left}, ${right})`;
  }
}

/** The top-level parts of a formula, to assign to temporaries. */
function parts(formula: Formula): Formula[] {
  switch (formula.kind) {
    case 'unary':
      return [formula.arg];
    case 'binary':
      return [formula.left, formula.right];
    default:
      return [];
  }
}

export type Form = 'expression' | 'assignment' | 'statements' | 'function' | 'lambda';
export const FORMS: readonly Form[] = [
  'expression',
  'assignment',
  'statements',
  'function',
  'lambda',
];

/** The program text of `formula` in `form`; its output is `f` except for a bare expression. */
export function program(formula: Formula, language: 'python' | 'javascript', form: Form): string {
  const inline = render(formula, language);
  const params = INPUTS.join(', ');
  const python = language === 'python';
  switch (form) {
    case 'expression':
      return inline;
    case 'assignment':
      return python ? `f = ${inline}` : `const f = ${inline};`;
    case 'lambda':
      return python ? `f = lambda ${params}: ${inline}` : `const f = (${params}) => ${inline};`;
    case 'statements':
      return temporaries(formula, language).join('\n');
    case 'function': {
      const body = temporaries(formula, language);
      const last = body.pop() ?? '';
      const result = last.replace(/^(const )?f = /, '').replace(/;$/, '');
      return python
        ? `def f(${params}):\n${[...body, `return ${result}`].map((line) => `    ${line}`).join('\n')}\n`
        : `function f(${params}) {\n${[...body, `return ${result};`].map((line) => `  ${line}`).join('\n')}\n}`;
    }
  }
}

/** `t0 = …` for each top-level part, reassigned once (a new version), then `f = …` of them. */
function temporaries(formula: Formula, language: 'python' | 'javascript'): string[] {
  const python = language === 'python';
  const lines: string[] = [];
  const names = new Map<Formula, string>();
  parts(formula).forEach((part, i) => {
    const name = `t${i}`;
    names.set(part, name);
    lines.push(
      python ? `${name} = ${render(part, language)}` : `let ${name} = ${render(part, language)};`,
    );
    lines.push(python ? `${name} = ${name} * 1` : `${name} *= 1;`);
  });
  const top =
    formula.kind === 'unary'
      ? unary(formula.op, names.get(formula.arg) ?? render(formula.arg, language), language)
      : formula.kind === 'binary'
        ? binary(
            formula.op,
            names.get(formula.left) ?? render(formula.left, language),
            names.get(formula.right) ?? render(formula.right, language),
            language,
          )
        : render(formula, language);
  lines.push(python ? `f = ${top}` : `const f = ${top};`);
  return lines;
}

/** The formula's value computed directly, independently of every front end. */
export function evaluateFormula(
  formula: Formula,
  values: Readonly<Record<string, number>>,
): number {
  switch (formula.kind) {
    case 'input':
      return values[formula.name] ?? NaN;
    case 'number':
      return formula.value;
    case 'unary':
      return applyUnary(formula.op, evaluateFormula(formula.arg, values));
    case 'binary':
      return applyBinary(
        formula.op,
        evaluateFormula(formula.left, values),
        evaluateFormula(formula.right, values),
      );
  }
}

function applyUnary(op: Unary, t: number): number {
  switch (op) {
    case 'neg':
      return -t;
    case 'exp':
      return Math.exp(Math.tanh(t));
    case 'log':
      return Math.log(1 + t ** 2);
    case 'sqrt':
      return Math.sqrt(1 + t ** 2);
    case 'sin':
      return Math.sin(t);
    case 'cos':
      return Math.cos(t);
    case 'tanh':
      return Math.tanh(t);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-t));
    case 'abs':
      return Math.abs(t);
    case 'square':
      return t ** 2;
  }
}

function applyBinary(op: Binary, left: number, right: number): number {
  switch (op) {
    case 'add':
      return left + right;
    case 'sub':
      return left - right;
    case 'mul':
      return left * right;
    case 'div':
      return left / (1 + right ** 2);
    case 'max':
      return Math.max(left, right);
  }
}
