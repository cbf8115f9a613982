/**
 * Random straight-line programs for the differential fuzzer, rendered in Python, JavaScript and
 * TypeScript: literal bindings of inputs, rebinding a name to a literal again, `var`
 * redeclaration, shadowing by parameters and locals, augmented assignment, dead code, calls of
 * functions defined in the file (with default parameters) and reuse of intermediates.
 *
 * fast-check generates *recipes* (numbers that pick names, functions and operators); `build`
 * turns a recipe into a program that is valid in every language whatever the numbers are, so
 * shrinking a recipe always gives a valid, smaller program. Every function stays inside its
 * domain (log and sqrt of 1 + t², division by 1 + t², exp of tanh) so the real languages give
 * finite numbers; programs that still overflow are discarded by the test.
 *
 * Each binding of a name to a literal is written as a placeholder `__litN__`, so one rendering
 * serves the point and every perturbed copy (see `instantiate`).
 */
import fc from 'fast-check';

export type Language = 'python' | 'javascript' | 'typescript';
export const LANGUAGES: readonly Language[] = ['python', 'javascript', 'typescript'];

type Unary =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'tanh'
  | 'sin'
  | 'cos'
  | 'atan'
  | 'asinh'
  | 'abs'
  | 'square'
  | 'cube'
  | 'log1p';
type Binary = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min' | 'pow' | 'hypot';
type AugmentOp = '+=' | '-=' | '*=' | '/=';

const UNARY: readonly Unary[] = [
  'neg',
  'exp',
  'log',
  'sqrt',
  'tanh',
  'sin',
  'cos',
  'atan',
  'asinh',
  'abs',
  'square',
  'cube',
  'log1p',
];
const BINARY: readonly Binary[] = ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow', 'hypot'];
const AUGMENT: readonly AugmentOp[] = ['+=', '-=', '*=', '/='];

/** Names that get literal bindings; `h` is usually dead code (`h = 0.0001`). */
const INPUT_NAMES = ['x', 'y', 'z', 'w', 'h'] as const;
/** Targets of assignments: intermediates, and inputs rebound to an expression. */
const TARGET_NAMES = ['a', 'b', 'q', 'f0', 'x', 'y', 'z'] as const;
const FUNCTION_NAMES = ['g', 'p'] as const;
/** Parameters and locals include global names, so that they shadow them. */
const PARAM_NAMES = ['t', 'k', 'x', 'y'] as const;
const LOCAL_NAMES = ['u', 'v', 'x', 'z', 't'] as const;
export const OUTPUT = 'f';

// ---------------------------------------------------------------------------------------------
// Recipes: what fast-check generates and shrinks.

export type ExprRecipe =
  | { readonly k: 'name'; readonly pick: number }
  | { readonly k: 'num'; readonly value: number }
  | { readonly k: 'unary'; readonly op: Unary; readonly arg: ExprRecipe; readonly module: number }
  | {
      readonly k: 'binary';
      readonly op: Binary;
      readonly left: ExprRecipe;
      readonly right: ExprRecipe;
      readonly module: number;
    }
  | { readonly k: 'call'; readonly pick: number; readonly args: readonly ExprRecipe[] };

type DefaultRecipe =
  | { readonly k: 'none' }
  | { readonly k: 'literal'; readonly value: number }
  | { readonly k: 'name'; readonly pick: number };

export type StatementRecipe =
  | {
      readonly k: 'bind';
      readonly pairs: readonly (readonly [number, number])[];
      readonly keyword: number;
    }
  | {
      readonly k: 'assign';
      readonly target: number;
      readonly expr: ExprRecipe;
      readonly keyword: number;
    }
  | {
      readonly k: 'augment';
      readonly target: number;
      readonly op: AugmentOp;
      readonly expr: ExprRecipe;
    }
  | {
      readonly k: 'function';
      readonly style: number;
      readonly params: readonly { readonly name: number; readonly default: DefaultRecipe }[];
      readonly locals: readonly { readonly name: number; readonly expr: ExprRecipe }[];
      readonly ret: ExprRecipe;
    };

export interface ProgramRecipe {
  readonly inputs: readonly StatementRecipe[];
  readonly body: readonly StatementRecipe[];
  readonly output: ExprRecipe;
  readonly keyword: number;
  readonly tail: { readonly op: AugmentOp; readonly expr: ExprRecipe } | null;
}

/** Literals away from 0 (abs and max/min kinks) with two decimals, moderate in size. */
const literal: fc.Arbitrary<number> = fc
  .integer({ min: -300, max: 300 })
  .map((hundredths) => hundredths / 100 || 0.75);

const expr: fc.Arbitrary<ExprRecipe> = fc.letrec<{ expr: ExprRecipe }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
    {
      weight: 5,
      arbitrary: fc.nat({ max: 50 }).map((pick): ExprRecipe => ({ k: 'name', pick })),
    },
    { weight: 1, arbitrary: literal.map((value): ExprRecipe => ({ k: 'num', value })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...UNARY), tie('expr'), fc.nat({ max: 1 }))
        .map(([op, arg, module]): ExprRecipe => ({ k: 'unary', op, arg, module })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...BINARY), tie('expr'), tie('expr'), fc.nat({ max: 1 }))
        .map(([op, left, right, module]): ExprRecipe => ({ k: 'binary', op, left, right, module })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat({ max: 50 }), fc.array(tie('expr'), { maxLength: 3 }))
        .map(([pick, args]): ExprRecipe => ({ k: 'call', pick, args })),
    },
  ),
})).expr;

const bindRecipe: fc.Arbitrary<StatementRecipe> = fc.record({
  k: fc.constant('bind' as const),
  pairs: fc.array(fc.tuple(fc.nat({ max: INPUT_NAMES.length - 1 }), literal), {
    minLength: 1,
    maxLength: 3,
  }),
  keyword: fc.nat({ max: 2 }),
});

const defaultRecipe: fc.Arbitrary<DefaultRecipe> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ k: 'none' as const }) },
  { weight: 1, arbitrary: literal.map((value) => ({ k: 'literal' as const, value })) },
  { weight: 2, arbitrary: fc.nat({ max: 50 }).map((pick) => ({ k: 'name' as const, pick })) },
);

const functionRecipe: fc.Arbitrary<StatementRecipe> = fc.record({
  k: fc.constant('function' as const),
  style: fc.nat({ max: 2 }),
  params: fc.array(
    fc.record({ name: fc.nat({ max: PARAM_NAMES.length - 1 }), default: defaultRecipe }),
    { minLength: 1, maxLength: 3 },
  ),
  locals: fc.array(fc.record({ name: fc.nat({ max: LOCAL_NAMES.length - 1 }), expr }), {
    maxLength: 3,
  }),
  ret: expr,
});

const statementRecipe: fc.Arbitrary<StatementRecipe> = fc.oneof(
  { weight: 3, arbitrary: bindRecipe },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('assign' as const),
      target: fc.nat({ max: TARGET_NAMES.length - 1 }),
      expr,
      keyword: fc.nat({ max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('augment' as const),
      target: fc.nat({ max: 50 }),
      op: fc.constantFrom(...AUGMENT),
      expr,
    }),
  },
  { weight: 2, arbitrary: functionRecipe },
);

export const programRecipe: fc.Arbitrary<ProgramRecipe> = fc.record({
  inputs: fc.array(bindRecipe, { minLength: 1, maxLength: 3 }),
  body: fc.array(statementRecipe, { maxLength: 8 }),
  output: expr,
  keyword: fc.nat({ max: 2 }),
  tail: fc.option(fc.record({ op: fc.constantFrom(...AUGMENT), expr }), { nil: null }),
});

// ---------------------------------------------------------------------------------------------
// Programs: recipes resolved against the names in scope, the same for every language.

export interface Literal {
  readonly id: number;
  readonly value: number;
}

export type Expr =
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'num'; readonly value: number }
  | { readonly k: 'unary'; readonly op: Unary; readonly arg: Expr; readonly module: number }
  | {
      readonly k: 'binary';
      readonly op: Binary;
      readonly left: Expr;
      readonly right: Expr;
      readonly module: number;
    }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[] };

/** How JavaScript declares a binding: the first binding of a name declares it. */
type Declaration = 'var' | 'let' | 'const' | 'none';

/**
 * A right-hand side: a literal binding (an input), an expression of literals only (which the
 * tool may fold into an input: perturbed by writing a number in its place), or an expression.
 */
type Value =
  | { readonly k: 'literal'; readonly literal: Literal }
  | { readonly k: 'constant'; readonly literal: Literal; readonly expr: Expr }
  | { readonly k: 'expr'; readonly expr: Expr };

interface Assignment {
  readonly name: string;
  declaration: Declaration;
  readonly value: Value;
}

interface Param {
  readonly name: string;
  readonly default?: Value;
}

export type Statement =
  | { readonly k: 'bind'; readonly pairs: readonly Assignment[] }
  | { readonly k: 'assign'; readonly assignment: Assignment }
  | { readonly k: 'augment'; readonly name: string; readonly op: AugmentOp; readonly expr: Expr }
  | {
      readonly k: 'function';
      readonly name: string;
      /** 0: `def` / `function`; 1: `lambda` / arrow with an expression; 2: `def` / arrow with a block. */
      readonly style: number;
      readonly params: readonly Param[];
      readonly locals: readonly Assignment[];
      readonly ret: Expr;
    };

export interface Program {
  readonly statements: readonly Statement[];
  readonly literals: readonly Literal[];
}

interface FunctionInfo {
  readonly name: string;
  readonly params: number;
  readonly required: number;
}

/** What an expression may refer to at one place. */
interface Scope {
  readonly names: readonly string[];
  readonly functions: readonly FunctionInfo[];
}

class Builder {
  readonly statements: Statement[] = [];
  readonly literals: Literal[] = [];
  /** Global value names bound so far, in order of first binding. */
  readonly globals: string[] = [];
  readonly functions: FunctionInfo[] = [];
  /** The JavaScript declaration that introduced each global (so `const` can be downgraded). */
  readonly declared = new Map<string, Assignment[]>();
  private readonly bindings = new Map<string, number>();

  literal(value: number): Literal {
    const made = { id: this.literals.length, value };
    this.literals.push(made);
    return made;
  }

  value(recipe: ExprRecipe, scope: Scope): Value {
    const resolved = this.expr(recipe, scope);
    if (resolved.k === 'num') return { k: 'literal', literal: this.literal(resolved.value) };
    const folded = constantValue(resolved);
    return folded === undefined
      ? { k: 'expr', expr: resolved }
      : { k: 'constant', literal: this.literal(folded), expr: resolved };
  }

  expr(recipe: ExprRecipe, scope: Scope): Expr {
    switch (recipe.k) {
      case 'name':
        return pickName(recipe.pick, scope.names);
      case 'num':
        return { k: 'num', value: recipe.value };
      case 'unary':
        return { ...recipe, arg: this.expr(recipe.arg, scope) };
      case 'binary':
        return {
          ...recipe,
          left: this.expr(recipe.left, scope),
          right: this.expr(recipe.right, scope),
        };
      case 'call':
        return this.call(recipe, scope);
    }
  }

  /** A call of a function in scope with between its required and all its arguments. */
  private call(recipe: ExprRecipe & { k: 'call' }, scope: Scope): Expr {
    const fn = scope.functions[recipe.pick % Math.max(1, scope.functions.length)];
    if (fn === undefined) {
      return this.expr(recipe.args[0] ?? { k: 'name', pick: recipe.pick }, scope);
    }
    const count = fn.required + (recipe.pick % (fn.params - fn.required + 1));
    const args: Expr[] = [];
    for (let i = 0; i < count; i++) {
      args.push(this.expr(recipe.args[i] ?? { k: 'name', pick: recipe.pick + i }, scope));
    }
    return { k: 'call', fn: fn.name, args };
  }

  scope(): Scope {
    return { names: [...this.globals], functions: [...this.functions] };
  }

  /** Records a top-level binding of `name` and decides how JavaScript declares it. */
  bindGlobal(name: string, value: Value, keyword: number): Assignment {
    const previous = this.declared.get(name);
    let declaration: Declaration;
    if (previous === undefined) {
      declaration = (['var', 'let', 'const'] as const)[keyword % 3] ?? 'let';
    } else {
      // `const` cannot be bound again; `var` may be declared again.
      for (const first of previous.slice(0, 1)) {
        if (first.declaration === 'const') first.declaration = 'let';
      }
      declaration = previous[0]?.declaration === 'var' && keyword % 2 === 0 ? 'var' : 'none';
    }
    const assignment: Assignment = { name, declaration, value };
    this.declared.set(name, [...(previous ?? []), assignment]);
    if (!this.globals.includes(name)) this.globals.push(name);
    this.bindings.set(name, (this.bindings.get(name) ?? 0) + 1);
    return assignment;
  }

  /** An augmented assignment rebinds too: a `const` declaration must become `let`. */
  touch(name: string): void {
    for (const first of (this.declared.get(name) ?? []).slice(0, 1)) {
      if (first.declaration === 'const') first.declaration = 'let';
    }
  }
}

function pickName(pick: number, names: readonly string[]): Expr {
  const name = names[pick % Math.max(1, names.length)];
  return name === undefined ? { k: 'num', value: ((pick % 5) + 1) / 2 } : { k: 'name', name };
}

export function build(recipe: ProgramRecipe): Program {
  const b = new Builder();
  for (const statement of [...recipe.inputs, ...recipe.body]) {
    buildStatement(b, statement);
  }
  const output = b.bindGlobal(OUTPUT, b.value(recipe.output, b.scope()), recipe.keyword);
  b.statements.push({ k: 'assign', assignment: output });
  if (recipe.tail !== null) {
    b.touch(OUTPUT);
    const expr = b.expr(recipe.tail.expr, b.scope());
    b.statements.push({ k: 'augment', name: OUTPUT, op: recipe.tail.op, expr });
  }
  return { statements: b.statements, literals: b.literals };
}

function buildStatement(b: Builder, recipe: StatementRecipe): void {
  switch (recipe.k) {
    case 'bind':
      return buildBind(b, recipe);
    case 'assign': {
      const name = TARGET_NAMES[recipe.target % TARGET_NAMES.length] ?? 'a';
      const value = b.value(recipe.expr, b.scope());
      b.statements.push({ k: 'assign', assignment: b.bindGlobal(name, value, recipe.keyword) });
      return;
    }
    case 'augment': {
      const target = pickName(recipe.target, b.globals);
      if (target.k !== 'name') return;
      b.touch(target.name);
      const expr = b.expr(recipe.expr, b.scope());
      b.statements.push({ k: 'augment', name: target.name, op: recipe.op, expr });
      return;
    }
    case 'function':
      return buildFunction(b, recipe);
  }
}

/**
 * Literal bindings; several distinct names on one line when JavaScript can declare them
 * together (`var x = 1.5, y = -2;`, Python `x = 1.5; y = -2`), else one line each.
 */
function buildBind(b: Builder, recipe: StatementRecipe & { k: 'bind' }): void {
  const pairs = recipe.pairs.filter(
    ([name], i) => recipe.pairs.findIndex(([other]) => other === name) === i,
  );
  const names = pairs.map(([name]) => INPUT_NAMES[name] ?? 'x');
  const fresh = names.every((name) => !b.declared.has(name));
  const allVar = names.every((name) => b.declared.get(name)?.[0]?.declaration === 'var');
  if (pairs.length > 1 && (fresh || (allVar && recipe.keyword % 2 === 0))) {
    // Declared together with `var` or `let`: never `const`, another binding may follow.
    const keyword = fresh ? recipe.keyword % 2 : 0;
    const assignments = pairs.map(([, value], i) =>
      b.bindGlobal(names[i] ?? 'x', { k: 'literal', literal: b.literal(value) }, keyword),
    );
    b.statements.push({ k: 'bind', pairs: assignments });
    return;
  }
  pairs.forEach(([, value], i) => {
    const literalValue: Value = { k: 'literal', literal: b.literal(value) };
    const assignment = b.bindGlobal(names[i] ?? 'x', literalValue, recipe.keyword);
    b.statements.push({ k: 'bind', pairs: [assignment] });
  });
}

/**
 * A function: distinct parameters, required ones first; defaults are literals or global names
 * bound before the definition (Python evaluates them there, JavaScript at each call; a default
 * may name an earlier parameter, which JavaScript then reads, but never a later one, which
 * JavaScript's temporal dead zone refuses). The body reads its parameters, its locals after
 * their assignment, earlier functions, and globals that no local hides (Python makes a name
 * local in the whole body, JavaScript's `let` has a dead zone before its declaration).
 */
function buildFunction(b: Builder, recipe: StatementRecipe & { k: 'function' }): void {
  const name = FUNCTION_NAMES[b.functions.length];
  if (name === undefined) return;
  const seen = new Set<string>();
  const raw = recipe.params.flatMap((param) => {
    const paramName = PARAM_NAMES[param.name] ?? 't';
    if (seen.has(paramName)) return [];
    seen.add(paramName);
    return [{ name: paramName, default: param.default }];
  });
  const ordered = [
    ...raw.filter((param) => param.default.k === 'none'),
    ...raw.filter((param) => param.default.k !== 'none'),
  ];
  const params: Param[] = ordered.map((param, i) => {
    // Its own name is in its dead zone too (`(x = x) =>` throws).
    const later = new Set(ordered.slice(i).map((other) => other.name));
    return { name: param.name, ...defaultValue(b, param.default, later) };
  });
  const style = recipe.style % 3;
  const paramNames = params.map((param) => param.name);
  const localRecipes = style === 1 ? [] : recipe.locals;
  const localNames = localRecipes.map((local) => LOCAL_NAMES[local.name] ?? 'u');
  const hidden = new Set([...paramNames, ...localNames]);
  const outer = b.globals.filter((global) => !hidden.has(global));
  const functions = [...b.functions];
  const visible = [...paramNames];
  const locals = localRecipes.map((local, i): Assignment => {
    const localName = localNames[i] ?? 'u';
    const value = b.value(local.expr, { names: [...visible, ...outer], functions });
    const declared = visible.includes(localName);
    if (!declared) visible.push(localName);
    return { name: localName, declaration: declared ? 'none' : 'let', value };
  });
  for (const local of locals) {
    const rebound = locals.some((other) => other !== local && other.name === local.name);
    if (local.declaration === 'let' && !rebound) local.declaration = 'const';
  }
  const ret = b.expr(recipe.ret, { names: [...visible, ...outer], functions });
  b.statements.push({ k: 'function', name, style, params, locals, ret });
  const required = params.filter((param) => param.default === undefined).length;
  b.functions.push({ name, params: params.length, required });
}

function defaultValue(
  b: Builder,
  recipe: DefaultRecipe,
  later: ReadonlySet<string>,
): { default?: Value } {
  if (recipe.k === 'literal')
    return { default: { k: 'literal', literal: b.literal(recipe.value) } };
  if (recipe.k === 'name') {
    const expr = pickName(
      recipe.pick,
      b.globals.filter((global) => !later.has(global)),
    );
    return {
      default:
        expr.k === 'num' ? { k: 'literal', literal: b.literal(expr.value) } : { k: 'expr', expr },
    };
  }
  return {};
}

/** The value of an expression without names or calls (JavaScript's Math), else undefined. */
function constantValue(expr: Expr): number | undefined {
  switch (expr.k) {
    case 'name':
    case 'call':
      return undefined;
    case 'num':
      return expr.value;
    case 'unary': {
      const t = constantValue(expr.arg);
      return t === undefined ? undefined : UNARY_VALUE[expr.op](t);
    }
    case 'binary': {
      const l = constantValue(expr.left);
      const r = constantValue(expr.right);
      return l === undefined || r === undefined ? undefined : BINARY_VALUE[expr.op](l, r);
    }
  }
}

/** What `unaryText` and `binaryText` write, as numbers. */
const UNARY_VALUE: Readonly<Record<Unary, (t: number) => number>> = {
  neg: (t) => -t,
  exp: (t) => Math.exp(Math.tanh(t)),
  log: (t) => Math.log(1 + t ** 2),
  sqrt: (t) => Math.sqrt(1 + t ** 2),
  tanh: Math.tanh,
  sin: Math.sin,
  cos: Math.cos,
  atan: Math.atan,
  asinh: Math.asinh,
  abs: Math.abs,
  square: (t) => t ** 2,
  cube: (t) => t ** 3,
  log1p: (t) => Math.log1p(t ** 2),
};

const BINARY_VALUE: Readonly<Record<Binary, (l: number, r: number) => number>> = {
  add: (l, r) => l + r,
  sub: (l, r) => l - r,
  mul: (l, r) => l * r,
  div: (l, r) => l / (1 + r ** 2),
  max: Math.max,
  min: Math.min,
  pow: (l, r) => (1 + l ** 2) ** Math.tanh(r),
  hypot: Math.hypot,
};

// ---------------------------------------------------------------------------------------------
// Rendering.

/** A line that binds a name to a literal: an input of the program. */
export interface Binding {
  readonly literal: Literal;
  readonly name: string;
  /** Zero-based line of the rendered program. */
  readonly line: number;
  /**
   * A parameter default, a function's local, or an expression of literals: the tool may also
   * take it as a constant.
   */
  readonly optional: boolean;
  /** What the program has there: the literal, or the expression of literals. */
  readonly text: string;
}

export interface Rendered {
  /** The program with each literal binding written as `placeholder(id)`. */
  readonly text: string;
  readonly bindings: readonly Binding[];
}

export function placeholder(id: number): string {
  return `__lit${id}__`;
}

/** The program with every binding's literal written out; `values` overrides some of them. */
export function instantiate(
  rendered: Rendered,
  values: ReadonlyMap<number, number> = new Map(),
): string {
  return rendered.text.replace(/__lit(\d+)__/g, (_, id: string) => {
    const value = values.get(Number(id));
    if (value !== undefined) return numberText(value);
    return rendered.bindings.find((b) => b.literal.id === Number(id))?.text ?? 'NaN';
  });
}

export function numberText(value: number): string {
  return String(value);
}

class Lines {
  readonly lines: string[] = [];
  readonly bindings: Binding[] = [];

  push(line: string): void {
    this.lines.push(line);
  }

  /** The placeholder of a literal bound to `name` on the line about to be pushed. */
  bind(name: string, literal: Literal, optional: boolean, text: string): string {
    this.bindings.push({ literal, name, line: this.lines.length, optional, text });
    return placeholder(literal.id);
  }
}

export function render(program: Program, language: Language): Rendered {
  const out = new Lines();
  if (language === 'python') {
    out.push('import math');
    out.push('import numpy as np');
  }
  for (const statement of program.statements) {
    if (language === 'python') renderPython(statement, out);
    else renderScript(statement, out, language === 'typescript');
  }
  return { text: `${out.lines.join('\n')}\n`, bindings: out.bindings };
}

function valueText(
  value: Value,
  name: string,
  out: Lines,
  language: Language,
  optional: boolean,
): string {
  switch (value.k) {
    case 'literal':
      return out.bind(name, value.literal, optional, numberText(value.literal.value));
    case 'constant':
      return out.bind(name, value.literal, true, exprText(value.expr, language));
    case 'expr':
      return exprText(value.expr, language);
  }
}

function augmentText(op: AugmentOp, expr: Expr, language: Language): string {
  const rhs = exprText(expr, language);
  // Division by 1 + e² stays inside the domain.
  return op === '/=' ? `/= ${onePlusSquare(rhs)}` : `${op} ${rhs}`;
}

function renderPython(statement: Statement, out: Lines): void {
  switch (statement.k) {
    case 'bind': {
      const text = statement.pairs
        .map((pair) => `${pair.name} = ${valueText(pair.value, pair.name, out, 'python', false)}`)
        .join('; ');
      out.push(text);
      return;
    }
    case 'assign': {
      const { name, value } = statement.assignment;
      out.push(`${name} = ${valueText(value, name, out, 'python', false)}`);
      return;
    }
    case 'augment':
      out.push(`${statement.name} ${augmentText(statement.op, statement.expr, 'python')}`);
      return;
    case 'function':
      return renderPythonFunction(statement, out);
  }
}

function renderPythonFunction(statement: Statement & { k: 'function' }, out: Lines): void {
  const params = statement.params
    .map((param) =>
      param.default === undefined
        ? param.name
        : `${param.name}=${valueText(param.default, param.name, out, 'python', true)}`,
    )
    .join(', ');
  if (statement.style === 1) {
    out.push(`${statement.name} = lambda ${params}: ${exprText(statement.ret, 'python')}`);
    return;
  }
  out.push(`def ${statement.name}(${params}):`);
  for (const local of statement.locals) {
    out.push(`    ${local.name} = ${valueText(local.value, local.name, out, 'python', true)}`);
  }
  out.push(`    return ${exprText(statement.ret, 'python')}`);
}

function declarationText(declaration: Declaration): string {
  return declaration === 'none' ? '' : `${declaration} `;
}

function renderScript(statement: Statement, out: Lines, typed: boolean): void {
  const language = typed ? 'typescript' : 'javascript';
  const annotation = typed ? ': number' : '';
  switch (statement.k) {
    case 'bind': {
      // Read when rendering: a later binding may have turned `const` into `let`.
      const declaration = statement.pairs[0]?.declaration ?? 'var';
      const declarators = statement.pairs.map((pair) => {
        const rhs = valueText(pair.value, pair.name, out, language, false);
        return `${pair.name}${declaration === 'none' ? '' : annotation} = ${rhs}`;
      });
      out.push(`${declarationText(declaration)}${declarators.join(', ')};`);
      return;
    }
    case 'assign': {
      const { name, value, declaration } = statement.assignment;
      const typedName = `${name}${declaration === 'none' ? '' : annotation}`;
      const rhs = valueText(value, name, out, language, false);
      out.push(`${declarationText(declaration)}${typedName} = ${rhs};`);
      return;
    }
    case 'augment':
      out.push(`${statement.name} ${augmentText(statement.op, statement.expr, language)};`);
      return;
    case 'function':
      return renderScriptFunction(statement, out, typed);
  }
}

function renderScriptFunction(
  statement: Statement & { k: 'function' },
  out: Lines,
  typed: boolean,
): void {
  const language = typed ? 'typescript' : 'javascript';
  const annotation = typed ? ': number' : '';
  const params = statement.params
    .map((param) =>
      param.default === undefined
        ? `${param.name}${annotation}`
        : `${param.name}${annotation} = ${valueText(param.default, param.name, out, language, true)}`,
    )
    .join(', ');
  const ret = exprText(statement.ret, language);
  if (statement.style === 1) {
    out.push(`const ${statement.name} = (${params})${annotation} => ${ret};`);
    return;
  }
  out.push(
    statement.style === 0
      ? `function ${statement.name}(${params})${annotation} {`
      : `const ${statement.name} = (${params})${annotation} => {`,
  );
  for (const local of statement.locals) {
    const typedName = `${local.name}${local.declaration === 'none' ? '' : annotation}`;
    const rhs = valueText(local.value, local.name, out, language, true);
    out.push(`  ${declarationText(local.declaration)}${typedName} = ${rhs};`);
  }
  out.push(`  return ${ret};`);
  out.push(statement.style === 0 ? '}' : '};');
}

// ---------------------------------------------------------------------------------------------
// Expressions.

export function exprText(expr: Expr, language: Language): string {
  switch (expr.k) {
    case 'name':
      return expr.name;
    case 'num':
      return expr.value < 0 ? `(${numberText(expr.value)})` : numberText(expr.value);
    case 'unary':
      return unaryText(expr.op, exprText(expr.arg, language), language, expr.module);
    case 'binary':
      return binaryText(
        expr.op,
        exprText(expr.left, language),
        exprText(expr.right, language),
        language,
        expr.module,
      );
    case 'call':
      return `${expr.fn}(${expr.args.map((arg) => exprText(arg, language)).join(', ')})`;
  }
}

/** Python's NumPy names where they differ from math's. */
const NUMPY_NAMES: Readonly<Record<string, string>> = {
  atan: 'arctan',
  asinh: 'arcsinh',
  max: 'maximum',
  min: 'minimum',
};

function fn(name: string, args: string, language: Language, module: number): string {
  if (language !== 'python') return `Math.${name}(${args})`;
  return module === 0 ? `math.${name}(${args})` : `np.${NUMPY_NAMES[name] ?? name}(${args})`;
}

function power(base: string, exponent: string): string {
  return `((${base}) ** ${exponent})`;
}

function onePlusSquare(t: string): string {
  return `(1 + ${power(t, '2')})`;
}

function unaryText(op: Unary, t: string, language: Language, module: number): string {
  switch (op) {
    case 'neg':
      return `(-(${t}))`;
    case 'exp':
      // exp of a bounded argument, so that nested exponentials stay finite.
      return fn('exp', fn('tanh', t, language, module), language, module);
    case 'log':
    case 'sqrt':
      return fn(op, onePlusSquare(t), language, module);
    case 'log1p':
      return fn(op, power(t, '2'), language, module);
    case 'abs':
      return language === 'python' ? `abs(${t})` : `Math.abs(${t})`;
    case 'square':
      return power(t, '2');
    case 'cube':
      return power(t, '3');
    default:
      return fn(op, t, language, module);
  }
}

function binaryText(
  op: Binary,
  left: string,
  right: string,
  language: Language,
  module: number,
): string {
  switch (op) {
    case 'add':
      return `(${left} + ${right})`;
    case 'sub':
      return `(${left} - ${right})`;
    case 'mul':
      return `(${left} * ${right})`;
    case 'div':
      return `(${left} / ${onePlusSquare(right)})`;
    case 'max':
    case 'min':
      // Python's builtins, or NumPy's elementwise maximum/minimum.
      return language === 'python' && module === 0
        ? `${op}(${left}, ${right})`
        : fn(op, `${left}, ${right}`, language, module);
    case 'pow':
      // A positive base and a bounded exponent: the power is defined and moderate.
      return power(onePlusSquare(left), fn('tanh', right, language, module));
    case 'hypot':
      return fn('hypot', `${left}, ${right}`, language, module);
  }
}
