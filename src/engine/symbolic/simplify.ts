/**
 * Simplification for display: turns mechanically built formulas (chain-rule products, local
 * partials) into what a person would write, without changing their value.
 *
 * Sums and products are flattened and rebuilt from a normal form: a sum is a list of terms
 * `coefficient · monomial`, a product is a coefficient and a list of `base^exponent` factors.
 * Like terms and like bases are merged, and both keep the order in which they first appear so
 * the result still reads like its source. Numbers are folded only when the result prints
 * exactly (2·3 = 6, 1/2 stays a fraction, log(2) stays log(2)).
 */
import { opSpec } from '../ops';
import { ONE, ZERO, add, call, div, mul, neg, num, pow, sub, type Sym } from '../sym';

/** Deeper expressions are left unsimplified (and printed elided), so recursion stays shallow. */
export const MAX_DEPTH = 500;
/**
 * Larger expressions — counted as trees, so a shared subexpression counts every time it is
 * used — are left unsimplified, which bounds the work on DAGs with heavy sharing.
 */
const MAX_SIZE = 100_000;
/** Digits the printer shows; a folded number must survive printing unchanged. */
const PRINT_DIGITS = 12;

export interface SymMeasure {
  /** Number of Sym nodes in the expression written out as a tree. */
  readonly size: number;
  readonly depth: number;
}

/**
 * Measures of earlier roots, so measuring a formula built on them is cheap. Only roots are
 * kept: remembering every node makes the WeakMap (and garbage collection) the bottleneck.
 */
const measures = new WeakMap<Sym, SymMeasure>();
const LEAF: SymMeasure = { size: 1, depth: 1 };

/** Size and depth of `expr`, iteratively (any depth) and in time linear in its distinct nodes. */
export function measure(expr: Sym): SymMeasure {
  const known = measures.get(expr);
  if (known !== undefined) {
    return known;
  }
  const local = new Map<Sym, SymMeasure>();
  const lookup = (e: Sym): SymMeasure | undefined =>
    e.kind === 'op' ? (local.get(e) ?? measures.get(e)) : LEAF;
  const stack: Sym[] = [expr];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Sym;
    if (lookup(top) !== undefined) {
      stack.pop();
      continue;
    }
    let size = 1;
    let depth = 0;
    let ready = true;
    for (const arg of top.kind === 'op' ? top.args : []) {
      const m = lookup(arg);
      if (m === undefined) {
        stack.push(arg);
        ready = false;
      } else {
        size += m.size;
        depth = Math.max(depth, m.depth);
      }
    }
    if (ready) {
      local.set(top, { size, depth: depth + 1 });
      stack.pop();
    }
  }
  const result = lookup(expr) as SymMeasure;
  measures.set(expr, result);
  return result;
}

/** Results of earlier calls: Syms are immutable, so a result stays valid. */
const results = new WeakMap<Sym, Sym>();
/** Every result is already simplified; recognising them makes re-simplification free. */
const simplified = new WeakSet<Sym>();

/**
 * The same value, written as a person would. Idempotent; expressions deeper than MAX_DEPTH
 * or larger than MAX_SIZE come back unchanged.
 */
export function simplify(expr: Sym): Sym {
  return simplifyWith(new Simplifier(), expr);
}

/**
 * `simplify` for many formulas that share parts (a derivative sweep): the structural ids of
 * the parts are kept between calls, so a shared part is taken apart once, not once per call.
 */
export function sharedSimplify(): (expr: Sym) => Sym {
  const simplifier = new Simplifier();
  return (expr) => simplifyWith(simplifier, expr);
}

function simplifyWith(simplifier: Simplifier, expr: Sym): Sym {
  if (simplified.has(expr)) {
    return expr;
  }
  const { size, depth } = measure(expr);
  if (depth > MAX_DEPTH || size > MAX_SIZE) {
    return expr;
  }
  return simplifier.simplify(expr);
}

/** True when `value` is finite and prints (to PRINT_DIGITS digits) as exactly itself. */
function printsExactly(value: number): boolean {
  // Integers of up to PRINT_DIGITS digits need no printing to know.
  if (Number.isInteger(value) && Math.abs(value) < SMALL) {
    return true;
  }
  return Number.isFinite(value) && Number(value.toPrecision(PRINT_DIGITS)) === value;
}

/**
 * An exact rational coefficient n/d (reduced, d > 0). `decimal` remembers that a decimal such
 * as 0.5 went into it, so it prints as a decimal where that is exact (0.1 + 0.2 = 0.3), while
 * x/2 keeps printing as x/2 and x/3 never becomes 0.333333333333·x.
 */
interface Coef {
  readonly n: bigint;
  readonly d: bigint;
  readonly decimal: boolean;
}

const UNIT: Coef = { n: 1n, d: 1n, decimal: false };
/** Higher powers of a coefficient cannot print exactly; the bound keeps BigInt work small. */
const MAX_COEF_POWER = 64;

/** How a coefficient is written: as one number, or as integers above and below the line. */
type CoefForm =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'fraction'; readonly n: number; readonly d: number };

/**
 * Decimals already worked out: a formula's few constants recur in every term. Cleared when
 * full, so it stays small whatever runs.
 */
const decimals = new Map<number, readonly [bigint, bigint] | undefined>();
const MAX_DECIMALS = 4096;

/** The exact decimal that `value` prints as, as an unreduced n/d, if it prints exactly. */
function exactDecimal(value: number): readonly [bigint, bigint] | undefined {
  // 0 and −0 are the same decimal, so the Map's treating them as one key is right.
  if (decimals.has(value)) {
    return decimals.get(value);
  }
  if (decimals.size >= MAX_DECIMALS) {
    decimals.clear();
  }
  const decimal = decimalOf(value);
  decimals.set(value, decimal);
  return decimal;
}

function decimalOf(value: number): readonly [bigint, bigint] | undefined {
  if (!printsExactly(value)) {
    return undefined;
  }
  const [mantissa = '', exponent = '0'] = value.toPrecision(PRINT_DIGITS).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = BigInt(whole + fraction);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? [digits, 10n ** BigInt(scale)] : [digits * 10n ** BigInt(-scale), 1n];
}

/** Integers below this print exactly; the common case skips decimal conversion. */
const SMALL = 1e12;
const SMALL_BIG = BigInt(SMALL);

function coefOf(value: number): Coef | undefined {
  if (Number.isInteger(value) && Math.abs(value) < SMALL) {
    return { n: BigInt(value), d: 1n, decimal: false };
  }
  const decimal = exactDecimal(value);
  return decimal === undefined
    ? undefined
    : reduced(decimal[0], decimal[1], !Number.isInteger(value));
}

/** n/d in lowest terms, or undefined when it cannot be printed exactly. */
function reduced(n: bigint, d: bigint, decimal: boolean): Coef | undefined {
  if (d === 0n) {
    return undefined;
  }
  const divisor = gcd(n < 0n ? -n : n, d < 0n ? -d : d) * (d < 0n ? -1n : 1n);
  const c: Coef = { n: n / divisor, d: d / divisor, decimal };
  return formOf(c) === undefined ? undefined : c;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

function formOf(c: Coef): CoefForm | undefined {
  if (c.d === 1n && c.n < SMALL_BIG && c.n > -SMALL_BIG) {
    return { kind: 'number', value: Number(c.n) };
  }
  if (c.d === 1n || c.decimal) {
    const value = Number(c.n) / Number(c.d);
    const decimal = exactDecimal(value);
    if (decimal !== undefined && decimal[0] * c.d === c.n * decimal[1]) {
      return { kind: 'number', value: value === 0 ? 0 : value };
    }
  }
  const [n, d] = [Number(c.n), Number(c.d)];
  const exact = (big: bigint, small: number): boolean =>
    printsExactly(small) && BigInt(small) === big;
  return exact(c.n, n) && exact(c.d, d) ? { kind: 'fraction', n, d } : undefined;
}

const times = (a: Coef, b: Coef): Coef | undefined =>
  reduced(a.n * b.n, a.d * b.d, a.decimal || b.decimal);
const plus = (a: Coef, b: Coef): Coef | undefined =>
  reduced(a.n * b.d + b.n * a.d, a.d * b.d, a.decimal || b.decimal);
const negated = (a: Coef): Coef => ({ ...a, n: -a.n });
const inverse = (a: Coef): Coef | undefined => reduced(a.d, a.n, a.decimal);

function power(a: Coef, k: number): Coef | undefined {
  if (Math.abs(k) > MAX_COEF_POWER) {
    return undefined;
  }
  const e = BigInt(Math.abs(k));
  return k >= 0 ? reduced(a.n ** e, a.d ** e, a.decimal) : reduced(a.d ** e, a.n ** e, a.decimal);
}

const isUnit = (c: Coef, sign: bigint): boolean => c.n === sign && c.d === 1n;

const isNum = (e: Sym, value: number): boolean => e.kind === 'num' && e.value === value;
const isSum = (e: Sym): boolean => e.kind === 'op' && (e.op === 'add' || e.op === 'sub');

/** A factor `base^exp`; mutable while a product is being collected. */
interface Factor {
  readonly base: Sym;
  exp: Sym;
  /**
   * Set when merging or raising turned a fractional exponent into an integer, as in
   * ((−x)^1.5)^2: the base must then be taken apart like any integer power's, giving −x^3.
   */
  expand?: boolean;
}

const isInteger = (e: Sym): boolean => e.kind === 'num' && Number.isInteger(e.value);

interface Term {
  coef: Coef;
  readonly factors: readonly Factor[];
  readonly key: string;
}

/** One simplification run (or a sweep's); owns the structural ids used to recognise like terms and bases. */
class Simplifier {
  private readonly ids = new WeakMap<Sym, number>();
  private readonly idsByKey = new Map<string, number>();

  simplify(expr: Sym): Sym {
    if (simplified.has(expr)) {
      return expr;
    }
    let result = results.get(expr);
    if (result === undefined) {
      result = this.rewrite(expr);
      results.set(expr, result);
      simplified.add(result);
    }
    return result;
  }

  /** Structural identity: equal ids exactly when the expressions are equal trees. */
  id(expr: Sym): number {
    const stack: Sym[] = [expr];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Sym;
      if (this.ids.has(top)) {
        stack.pop();
        continue;
      }
      let key: string;
      if (top.kind === 'op') {
        const pending = top.args.filter((arg) => !this.ids.has(arg));
        if (pending.length > 0) {
          stack.push(...pending);
          continue;
        }
        key = `${top.op}(${top.args.map((arg) => this.ids.get(arg)).join(',')})`;
      } else {
        key = top.kind === 'num' ? `#${top.value === 0 ? 0 : top.value}` : `$${top.name}`;
      }
      let id = this.idsByKey.get(key);
      if (id === undefined) {
        id = this.idsByKey.size;
        this.idsByKey.set(key, id);
      }
      this.ids.set(top, id);
      stack.pop();
    }
    return this.ids.get(expr) as number;
  }

  private rewrite(expr: Sym): Sym {
    if (expr.kind === 'num') {
      return expr.value === 0 && expr !== ZERO ? ZERO : expr;
    }
    if (expr.kind === 'var') {
      return expr;
    }
    const [first = ZERO, ...rest] = expr.args;
    switch (expr.op) {
      case 'add':
        return this.sum(expr.args.map((arg) => [arg, 1]));
      case 'sub':
        return this.sum([[first, 1], ...rest.map((arg): [Sym, number] => [arg, -1])]);
      case 'neg':
        return this.sum(expr.args.map((arg) => [arg, -1]));
      case 'mul':
        return this.product(expr.args.map((arg) => [arg, 1]));
      case 'div':
        return this.product([[first, 1], ...rest.map((arg): [Sym, number] => [arg, -1])]);
      case 'pow':
        if (expr.args.length === 2) {
          return this.power(this.simplify(first), this.simplify(rest[0] as Sym));
        }
        return this.fold(expr);
      default:
        return this.fold(expr);
    }
  }

  private sum(items: readonly (readonly [Sym, number])[]): Sym {
    const sum = new SumBuilder(this);
    for (const [item, sign] of items) {
      sum.absorb(this.simplify(item), sign);
    }
    return sum.build();
  }

  private product(items: readonly (readonly [Sym, number])[]): Sym {
    const product = new ProductBuilder(this);
    for (const [item, sign] of items) {
      product.absorb(this.simplify(item), sign);
    }
    return product.build();
  }

  /** base^exp of simplified operands: integer powers distribute over products, (x·y)^2 = x^2·y^2. */
  power(base: Sym, exp: Sym): Sym {
    if (exp.kind === 'num' && Number.isInteger(exp.value)) {
      const product = new ProductBuilder(this);
      product.absorb(base, 1);
      if (product.raise(exp.value)) {
        return product.build();
      }
    }
    if (base.kind === 'num' && exp.kind === 'num') {
      // 0^−2 and 0.3^−2 have no exact value, but 1/0 and 1/0.09 are stable under simplify.
      const magnitude = Math.pow(base.value, Math.abs(exp.value));
      if (printsExactly(magnitude)) {
        return exp.value > 0
          ? num(magnitude === 0 ? 0 : magnitude)
          : this.product([[num(magnitude), -1]]);
      }
    }
    const product = new ProductBuilder(this);
    product.multiply(base, exp);
    return product.build();
  }

  /** Any other op: simplify the operands and evaluate when they are all numbers. */
  private fold(expr: Sym & { kind: 'op' }): Sym {
    const args = expr.args.map((arg) => this.simplify(arg));
    const values = args.flatMap((arg) => (arg.kind === 'num' ? [arg.value] : []));
    if (values.length === args.length) {
      const value = opSpec(expr.op).forward(values);
      if (printsExactly(value)) {
        return num(value === 0 ? 0 : value);
      }
    }
    return call(expr.op, ...args);
  }

  /** e1 + e2 for exponents, or undefined when two numbers do not add exactly. */
  addExponents(a: Sym, b: Sym): Sym | undefined {
    if (a.kind === 'num' && b.kind === 'num') {
      const value = a.value + b.value;
      return printsExactly(value) ? num(value) : undefined;
    }
    return this.simplify(add(a, b));
  }

  /** k·exp for an integer k, or undefined when a numeric exponent does not scale exactly. */
  scaleExponent(exp: Sym, k: number): Sym | undefined {
    if (exp.kind === 'num') {
      const value = exp.value * k;
      return printsExactly(value) ? num(value) : undefined;
    }
    return this.simplify(mul(num(k), exp));
  }

  /** The terms of a simplified sum (or of any simplified expression, as a one-term sum). */
  termsOf(expr: Sym, sign: number): SumBuilder {
    const sum = new SumBuilder(this);
    sum.absorb(expr, sign);
    return sum;
  }

  negatedSum(expr: Sym): Sym {
    return this.termsOf(expr, -1).build();
  }
}

/** Collects the terms of a sum, merging like terms. */
class SumBuilder {
  readonly terms: Term[] = [];
  private readonly byKey = new Map<string, Term>();

  constructor(private readonly simplifier: Simplifier) {}

  /** Adds sign·expr, where `expr` is already simplified. */
  absorb(expr: Sym, sign: number): void {
    const stack: [Sym, number][] = [[expr, sign]];
    while (stack.length > 0) {
      const [top, s] = stack.pop() as [Sym, number];
      if (top.kind === 'op' && (top.op === 'add' || top.op === 'sub' || top.op === 'neg')) {
        // Pushed in reverse so terms are visited left to right.
        for (let i = top.args.length - 1; i >= 0; i -= 1) {
          const negative = top.op === 'neg' || (top.op === 'sub' && i > 0);
          stack.push([top.args[i] as Sym, negative ? -s : s]);
        }
        continue;
      }
      const product = new ProductBuilder(this.simplifier);
      product.absorb(top, 1);
      this.addTerm(s < 0 ? negated(product.coef) : product.coef, product.factors);
    }
  }

  private addTerm(c: Coef, factors: readonly Factor[]): void {
    const key = factors
      .map((f) => `${this.simplifier.id(f.base)}^${this.simplifier.id(f.exp)}`)
      .sort()
      .join('·');
    const like = this.byKey.get(key);
    const merged = like === undefined ? undefined : plus(like.coef, c);
    if (like !== undefined && merged !== undefined) {
      like.coef = merged;
      return;
    }
    const term: Term = { coef: c, factors, key };
    this.terms.push(term);
    if (like === undefined) {
      this.byKey.set(key, term);
    }
  }

  build(): Sym {
    const terms = this.terms.filter((term) => term.coef.n !== 0n);
    // Merging can leave ±1·(a + b); open it up so the result is one flat sum.
    if (terms.some(isBareSum)) {
      const flat = new SumBuilder(this.simplifier);
      for (const term of terms) {
        const [factor] = term.factors;
        if (isBareSum(term) && factor !== undefined) {
          flat.absorb(factor.base, Number(term.coef.n));
        } else {
          flat.addTerm(term.coef, term.factors);
        }
      }
      return flat.build();
    }
    let result: Sym | undefined;
    for (const term of terms) {
      if (result === undefined) {
        result = buildProduct(term.coef, term.factors);
      } else if (term.coef.n < 0n) {
        result = sub(result, buildProduct(negated(term.coef), term.factors));
      } else {
        result = add(result, buildProduct(term.coef, term.factors));
      }
    }
    return result ?? ZERO;
  }
}

function isBareSum(term: Term): boolean {
  const factor = term.factors.length === 1 ? term.factors[0] : undefined;
  return (
    factor !== undefined &&
    isNum(factor.exp, 1) &&
    isSum(factor.base) &&
    (isUnit(term.coef, 1n) || isUnit(term.coef, -1n))
  );
}

/** Collects a product as coefficient × factors, merging like bases. */
class ProductBuilder {
  coef: Coef = UNIT;
  readonly factors: Factor[] = [];
  private readonly byBase = new Map<number, Factor>();

  constructor(private readonly simplifier: Simplifier) {}

  /** Multiplies by expr^sign (sign ±1), where `expr` is already simplified. */
  absorb(expr: Sym, sign: number): void {
    const stack: [Sym, number][] = [[expr, sign]];
    while (stack.length > 0) {
      const [top, s] = stack.pop() as [Sym, number];
      if (top.kind === 'num') {
        this.multiplyNumber(top, s);
      } else if (top.kind === 'var') {
        this.multiply(top, num(s));
      } else if (top.op === 'neg' && top.args.length === 1) {
        this.coef = negated(this.coef);
        stack.push([top.args[0] as Sym, s]);
      } else if (top.op === 'mul' || top.op === 'div') {
        for (let i = top.args.length - 1; i >= 0; i -= 1) {
          stack.push([top.args[i] as Sym, top.op === 'div' && i > 0 ? -s : s]);
        }
      } else if (top.op === 'pow' && top.args.length === 2) {
        // A simplified power's base cannot be taken apart further.
        const [base = ZERO, exp = ONE] = top.args;
        this.multiply(base, s === 1 ? exp : (this.simplifier.scaleExponent(exp, -1) ?? neg(exp)));
      } else if (isSum(top)) {
        this.multiplySum(top, s);
      } else {
        this.multiply(top, num(s));
      }
    }
  }

  private multiplyNumber(value: Sym & { kind: 'num' }, sign: number): void {
    const c = coefOf(value.value);
    const factor = c === undefined ? undefined : sign < 0 ? inverse(c) : c;
    const product = factor === undefined ? undefined : times(this.coef, factor);
    if (product === undefined) {
      this.multiply(value, num(sign));
    } else {
      this.coef = product;
    }
  }

  /** A sum factor is stored with a positive leading term: (−x − y)·z is −(x + y)·z. */
  private multiplySum(sum: Sym, sign: number): void {
    const [lead] = this.simplifier.termsOf(sum, 1).terms;
    if (lead !== undefined && lead.coef.n < 0n) {
      this.coef = negated(this.coef);
      this.multiply(this.simplifier.negatedSum(sum), num(sign));
    } else {
      this.multiply(sum, num(sign));
    }
  }

  multiply(base: Sym, exp: Sym): void {
    if (isNum(exp, 0)) {
      return;
    }
    const id = this.simplifier.id(base);
    const like = this.byBase.get(id);
    const merged = like === undefined ? undefined : this.simplifier.addExponents(like.exp, exp);
    if (like !== undefined && merged !== undefined) {
      like.expand = like.expand === true || (!isInteger(like.exp) && isInteger(merged));
      like.exp = merged;
      return;
    }
    const factor: Factor = { base, exp };
    this.factors.push(factor);
    if (like === undefined) {
      this.byBase.set(id, factor);
    }
  }

  /** Raises the whole product to the integer power k; false (and unchanged) if not exact. */
  raise(k: number): boolean {
    const c = power(this.coef, k);
    const exps = this.factors.map((f) => this.simplifier.scaleExponent(f.exp, k));
    if (c === undefined || exps.some((exp) => exp === undefined)) {
      return false;
    }
    this.coef = c;
    this.factors.forEach((f, i) => {
      const exp = exps[i] as Sym;
      f.expand = f.expand === true || (!isInteger(f.exp) && isInteger(exp));
      f.exp = exp;
    });
    return true;
  }

  build(): Sym {
    if (this.factors.some((f) => f.expand === true && !isNum(f.exp, 0))) {
      const expanded = new ProductBuilder(this.simplifier);
      expanded.coef = this.coef;
      for (const f of this.factors) {
        if (f.expand === true) {
          expanded.absorb(this.simplifier.power(f.base, f.exp), 1);
        } else {
          expanded.multiply(f.base, f.exp);
        }
      }
      return expanded.build();
    }
    const factors = this.factors.filter((f) => !isNum(f.exp, 0));
    const [only, ...others] = factors;
    // −(a + b) alone is a sum, and sums have their own normal form.
    if (only !== undefined && others.length === 0 && isNum(only.exp, 1) && isSum(only.base)) {
      if (isUnit(this.coef, -1n)) {
        return this.simplifier.negatedSum(only.base);
      }
    }
    return buildProduct(this.coef, factors);
  }
}

/**
 * Writes coefficient × factors as `c·a·b/(d·e)`: numbers first, factors with negative
 * exponents below the line, a negative sign on the leading factor (−x·y, −2·x).
 */
function buildProduct(c: Coef, factors: readonly Factor[]): Sym {
  // Every coefficient comes from `reduced`, which only accepts those with a written form.
  const form = formOf(c) as CoefForm;
  if (c.n === 0n) {
    return ZERO;
  }
  const above: Sym[] = [];
  const below: Sym[] = [];
  // Numbers that did not fold into the coefficient go first, where simplify would put them.
  const ordered = [
    ...factors.filter((f) => f.base.kind === 'num'),
    ...factors.filter((f) => f.base.kind !== 'num'),
  ];
  for (const { base, exp } of ordered) {
    if (exp.kind === 'num' && exp.value < 0) {
      below.push(powerOf(base, num(-exp.value)));
    } else {
      above.push(powerOf(base, exp));
    }
  }
  if (above.some((e) => isNum(e, 0))) {
    return ZERO;
  }
  const magnitude = form.kind === 'number' ? Math.abs(form.value) : Math.abs(form.n);
  if (magnitude !== 1 || above.length === 0) {
    above.unshift(num(magnitude));
  }
  if (form.kind === 'fraction') {
    below.unshift(num(form.d));
  }
  // Anything over exactly 0 is written over 0 alone: y·0 below the line would fold to 0.
  if (below.some((e) => isNum(e, 0))) {
    below.splice(0, below.length, ZERO);
  }
  if (c.n < 0n) {
    const lead = above[0] as Sym;
    above[0] = lead.kind === 'num' ? num(-lead.value) : neg(lead);
  }
  const chain = (items: Sym[]): Sym => items.reduce((a, b) => mul(a, b));
  const top = chain(above);
  return below.length === 0 ? top : div(top, chain(below));
}

/** base^exp, folding a leftover number's power where it prints exactly (0^2 = 0). */
function powerOf(base: Sym, exp: Sym): Sym {
  if (isNum(exp, 1)) {
    return base;
  }
  if (base.kind === 'num' && exp.kind === 'num') {
    const value = Math.pow(base.value, exp.value);
    if (printsExactly(value)) {
      return num(value === 0 ? 0 : value);
    }
  }
  return pow(base, exp);
}
