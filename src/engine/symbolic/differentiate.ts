/**
 * Readable symbolic derivatives of a graph's output, by the same reverse sweep as the numeric
 * backward pass: each operand's adjoint gains (local partial formula) · (upstream adjoint).
 *
 * Formulas are written in the code's own words: a node the code names (`dot = w0*x0 + …`) is
 * that name in every formula, never its expansion, so CS231n's staged sigmoid reads
 * `∂f/∂w0 = x0·f·(1 − f)`. What is written is bounded twice: no derivative (nor any formula it
 * is built from) outgrows `maxSize` Sym nodes, and the whole sweep simplifies at most `maxWork`
 * Sym nodes, so its time is bounded whatever the graph. A derivative past either bound is
 * left out (the result says which bound), never cut short.
 */
import type { Graph, OpNode } from '../ir';
import type { OpName } from '../opName';
import { displayName } from '../labels';
import { graphFacts, type GraphFacts } from './graphFacts';
import { opSpec } from '../ops';
import { ONE, ZERO, add, call, mul, num, variable, type Sym } from '../sym';
import { MAX_DEPTH, measure, sharedSimplify } from './simplify';
import { assertNever } from '../assertNever';
import { sigmoidOperand } from './sigmoidForm';

export interface SymbolicOptions {
  /** The largest derivative worth showing, in Sym nodes (default DEFAULT_MAX_SIZE). */
  readonly maxSize?: number;
  /** Sym nodes the sweep may simplify in all (default DEFAULT_MAX_WORK). */
  readonly maxWork?: number;
}

/** A formula of 1,000 Sym nodes fills a screen: beyond that nobody reads it. */
export const DEFAULT_MAX_SIZE = 1000;
/**
 * Sym nodes simplified in all: about 20 ms of CPU at worst (a random 200-node tree) on the busy
 * development machine (see bench/fullInspection.mjs).
 */
export const DEFAULT_MAX_WORK = 10_000;
/** Unsimplified intermediates may be this much larger, since simplifying often shrinks them. */
const SLACK = 4;

const TOO_LARGE = Symbol('too large');
/** A private-use name no front end lets into the code (see partialFormulas.ts). */
const UNWRITTEN = { kind: 'var', name: '\ue002' } as const satisfies Sym;
type Bounded = Sym | typeof TOO_LARGE;

/** Why derivatives were left out: one outgrew `maxSize`, or the sweep ran out of `maxWork`. */
export type SymbolicLimit = 'size' | 'work';

export interface SymbolicDerivatives {
  /** ∂output/∂input by input node id; absent for derivatives past a bound. */
  readonly gradients: Map<number, Sym>;
  /** The bound that left some out, if any did. */
  readonly limit?: SymbolicLimit;
  /** The names the formulas use for intermediate nodes, by node id. */
  readonly names: ReadonlyMap<number, string>;
}

/** Every node's expression in terms of the input names, exactly as the graph builds it. */
export function nodeExpressions(graph: Graph): Sym[] {
  const exprs: Sym[] = [];
  for (const node of graph.nodes) {
    switch (node.kind) {
      case 'input':
        exprs.push(variable(displayName(node.name, node.version)));
        break;
      case 'constant':
        exprs.push(num(node.value));
        break;
      case 'op':
        exprs.push(call(node.op, ...node.operands.map((operand) => exprs[operand] ?? ZERO)));
        break;
      default: {
        return assertNever(node, 'node');
      }
    }
  }
  return exprs;
}

/** ∂output/∂input, simplified, for every input node id the bounds allow (see the module). */
export function symbolicGradients(
  graph: Graph,
  output: number = graph.output,
  options: SymbolicOptions = {},
): Map<number, Sym> {
  return symbolicDerivatives(graph, output, options).gradients;
}

export function symbolicDerivatives(
  graph: Graph,
  output: number = graph.output,
  options: SymbolicOptions = {},
): SymbolicDerivatives {
  return new Sweep(graph, output, options).run();
}

interface Contribution {
  /** The use: the consumer and which of its operands (ranked by edgePositions when summed). */
  readonly from: number;
  readonly operand: number;
  readonly value: Sym;
}

class Sweep {
  private readonly maxSize: number;
  private work: number;
  private outOfWork = false;
  private tooLarge = false;
  /** Names, formula sizes (saturated just past `maxSize`), which nodes vary, operands. */
  private readonly facts: GraphFacts;
  private readonly exprs = new Map<number, Sym>();
  /** 1 where some contribution to the node's adjoint was too large. */
  private readonly lost: Uint8Array;
  /** Nodes marked lost that the sweep has not reached yet. */
  private lostAhead = 0;
  /** Inputs the sweep has not reached yet that are not lost. */
  private openInputs: number;
  private readonly simplify = sharedSimplify();
  private positions: Int32Array | undefined;
  private useCounts: Int32Array | undefined;

  constructor(
    private readonly graph: Graph,
    private readonly output: number,
    options: SymbolicOptions,
  ) {
    this.maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
    this.work = options.maxWork ?? DEFAULT_MAX_WORK;
    this.facts = graphFacts(graph, output, this.maxSize + 1);
    this.lost = new Uint8Array(output + 1);
    this.openInputs = this.facts.inputCount;
  }

  run(): SymbolicDerivatives {
    const { graph, output } = this;
    const { isInput } = this.facts;
    // Pending contributions by node id: only nodes the formulas reach have one.
    const contributions = new Map<number, Contribution[]>();
    const inputAdjoints = new Map<number, Sym>();
    for (let id = output; id >= 0; id -= 1) {
      // Nothing left to write, and what is lost can no longer reach an open input: the rest
      // of the graph cannot change the result.
      if (
        id < output &&
        contributions.size === 0 &&
        (this.lostAhead === 0 || this.openInputs === 0)
      ) {
        break;
      }
      const list = contributions.get(id);
      contributions.delete(id);
      if (this.lost[id] === 1) {
        this.lostAhead -= 1;
        this.loseOperands(id);
        continue;
      }
      const adjoint = id === output ? ONE : this.total(id, list);
      if (isInput[id] === 1) {
        this.openInputs -= 1;
        if (adjoint === TOO_LARGE) {
          this.lost[id] = 1;
        } else if (adjoint !== undefined) {
          inputAdjoints.set(id, adjoint);
        }
        continue;
      }
      const node = graph.nodes[id];
      if (node?.kind !== 'op' || adjoint === undefined || isZero(adjoint)) {
        continue;
      }
      this.contribute(node, adjoint, contributions);
    }
    const gradients = new Map<number, Sym>();
    for (let id = 0; id < graph.nodes.length; id += 1) {
      if (
        id > output ? graph.nodes[id]?.kind === 'input' : isInput[id] === 1 && this.lost[id] !== 1
      ) {
        gradients.set(id, inputAdjoints.get(id) ?? ZERO);
      }
    }
    const limit: SymbolicLimit | undefined = this.outOfWork
      ? 'work'
      : this.tooLarge
        ? 'size'
        : undefined;
    return { gradients, names: this.facts.names, ...(limit === undefined ? {} : { limit }) };
  }

  /** Adds (local partial) · adjoint to each varying operand's list. */
  private contribute(
    node: OpNode,
    adjoint: Bounded,
    contributions: Map<number, Contribution[]>,
  ): void {
    const name = this.facts.names.get(node.id);
    const sigmoid = name === undefined ? undefined : this.sigmoidOf(node);
    const op = sigmoid === undefined ? node.op : 'sigmoid';
    const operands = sigmoid === undefined ? node.operands : [sigmoid];
    if (adjoint === TOO_LARGE) {
      for (const operand of operands) {
        this.loseAdjoint(operand);
      }
      return;
    }
    const partials = this.partialsOf(op, operands, name);
    operands.forEach((operand, i) => {
      if (this.facts.varies[operand] !== 1) {
        return;
      }
      const partial = this.withoutUnwritten(partials[i] ?? ZERO);
      if (isZero(partial)) {
        return;
      }
      // Local partial first, then upstream: x·σ(u)·(1 − σ(u)) rather than σ(u)·(1 − σ(u))·x.
      // A partial of 1 (sums, the common case) passes the adjoint on as it is, at no cost.
      const value =
        partial === TOO_LARGE
          ? TOO_LARGE
          : isOne(partial)
            ? adjoint
            : this.bounded(mul(partial, adjoint));
      if (value === TOO_LARGE) {
        this.loseAdjoint(operand);
        return;
      }
      let list = contributions.get(operand);
      if (list === undefined) {
        list = [];
        contributions.set(operand, list);
      }
      // σ's use is ranked where the denominator is read.
      list.push({ from: node.id, operand: sigmoid === undefined ? i : 1, value });
    });
  }

  /**
   * A named 1/(1 + exp(−u)) is differentiated as σ(u), straight to u: the nodes in between
   * are nameless, used only there, so they receive nothing. The id of u, if the node is one.
   */
  private sigmoidOf(node: OpNode): number | undefined {
    return sigmoidOperand(this.graph, node, this.facts.names, this.uses());
  }

  /** A lost node's adjoint is too large: so is every adjoint it contributes to. */
  private loseOperands(id: number): void {
    const { names, offsets, operands } = this.facts;
    const node = names.has(id) ? this.graph.nodes[id] : undefined;
    const sigmoid = node?.kind === 'op' ? this.sigmoidOf(node) : undefined;
    if (sigmoid !== undefined) {
      this.loseAdjoint(sigmoid);
      return;
    }
    const end = offsets[id + 1] ?? 0;
    for (let k = offsets[id] ?? 0; k < end; k += 1) {
      this.loseAdjoint(operands[k] ?? 0);
    }
  }

  /**
   * The op's local partial formulas over its operands' formulas, the node's own formula written
   * as its name when it has one (σ(u)·(1 − σ(u)) of a node named f reads f·(1 − f)).
   */
  private partialsOf(op: OpName, operandIds: readonly number[], name: string | undefined): Sym[] {
    // An operand too large to write stands in as a marker: a partial that needs it is too large.
    const operands = operandIds.map((operand) => this.exprOf(operand) ?? UNWRITTEN);
    const partials = opSpec(op).partialFormulas(operands);
    return name === undefined ? partials : partials.map((p) => renamed(p, op, operands, name));
  }

  /** The node's formula (names for named intermediates), or undefined when past maxSize. */
  private exprOf(id: number): Sym | undefined {
    if ((this.facts.sizes[id] ?? Infinity) > this.maxSize) {
      return undefined;
    }
    const known = this.exprs.get(id);
    if (known !== undefined) {
      return known;
    }
    const node = this.graph.nodes[id];
    const name = this.facts.names.get(id);
    let expr: Sym;
    if (name !== undefined) {
      expr = variable(name);
    } else if (node === undefined) {
      expr = ZERO;
    } else if (node.kind === 'input') {
      expr = variable(displayName(node.name, node.version));
    } else if (node.kind === 'constant') {
      expr = num(node.value);
    } else {
      // Operands are no larger than the node: recursion is at most maxSize deep.
      const built = call(node.op, ...node.operands.map((operand) => this.exprOf(operand) ?? ZERO));
      // Simplified as it is built, so the formulas made of it start small.
      expr = this.simplified(built) ?? built;
    }
    this.exprs.set(id, expr);
    return expr;
  }

  /** Contributions summed in the order the uses are written: quotient-rule style. */
  private total(id: number, list: Contribution[] | undefined): Bounded | undefined {
    if (this.lost[id] === 1) {
      return TOO_LARGE;
    }
    if (list === undefined || list.length === 0) {
      return undefined;
    }
    if (list.length > 1) {
      list.sort((a, b) => this.positionOf(a) - this.positionOf(b));
    }
    let sum: Sym | undefined;
    for (const { value } of list) {
      const next: Bounded = sum === undefined ? value : this.bounded(add(sum, value));
      if (next === TOO_LARGE) {
        return TOO_LARGE;
      }
      sum = next;
    }
    return sum;
  }

  /** Bounded, and TOO_LARGE when it needs an operand too large to write. */
  private withoutUnwritten(expr: Sym): Bounded {
    const result = this.bounded(expr);
    return result !== TOO_LARGE && mentions(result, UNWRITTEN.name) ? this.large() : result;
  }

  /** Simplified, or TOO_LARGE past the size bound or once the work is spent. */
  private bounded(expr: Sym): Bounded {
    return this.simplified(expr) ?? (this.outOfWork ? TOO_LARGE : this.large());
  }

  /** Simplified within the bounds (spending work), else undefined. */
  private simplified(expr: Sym): Sym | undefined {
    if (expr.kind !== 'op') {
      return expr;
    }
    if (this.outOfWork) {
      return undefined;
    }
    const before = measure(expr);
    if (before.size > SLACK * this.maxSize || before.depth > MAX_DEPTH) {
      return undefined;
    }
    this.work -= before.size;
    if (this.work < 0) {
      this.outOfWork = true;
      return undefined;
    }
    const result = this.simplify(expr);
    const after = measure(result);
    return after.size > this.maxSize || after.depth > MAX_DEPTH ? undefined : result;
  }

  /** A contribution to the node's adjoint is too large: so is the adjoint, whatever the rest. */
  private loseAdjoint(id: number): void {
    if (this.facts.varies[id] !== 1) {
      return;
    }
    if (this.lost[id] !== 1) {
      this.lost[id] = 1;
      this.lostAhead += 1;
      this.openInputs -= this.facts.isInput[id] ?? 0;
    }
    this.large();
  }

  private large(): typeof TOO_LARGE {
    if (!this.outOfWork) {
      this.tooLarge = true;
    }
    return TOO_LARGE;
  }

  /** How many times each node is used (made on first need). */
  private uses(): Int32Array {
    if (this.useCounts === undefined) {
      this.useCounts = new Int32Array(this.graph.nodes.length);
      for (const node of this.graph.nodes) {
        for (const operand of node.kind === 'op' ? node.operands : []) {
          this.useCounts[operand] = (this.useCounts[operand] ?? 0) + 1;
        }
      }
    }
    return this.useCounts;
  }

  /** The use's rank in a left-to-right reading of the formula (made on first need). */
  private positionOf({ from, operand }: Contribution): number {
    const { offsets, operands } = this.facts;
    this.positions ??= edgePositions(offsets, operands, this.output);
    return this.positions[(offsets[from] ?? 0) + operand] ?? 0;
  }
}

/** `expr` with every occurrence of op(operands) written as `name`. */
function renamed(expr: Sym, op: string, operands: readonly Sym[], name: string): Sym {
  if (expr.kind !== 'op') {
    return expr;
  }
  if (
    expr.op === op &&
    expr.args.length === operands.length &&
    expr.args.every((a, i) => same(a, operands[i]))
  ) {
    return variable(name);
  }
  let changed = false;
  const args = expr.args.map((arg) => {
    const next = renamed(arg, op, operands, name);
    changed ||= next !== arg;
    return next;
  });
  return changed ? call(expr.op, ...args) : expr;
}

function same(a: Sym, b: Sym | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (b === undefined || a.kind !== b.kind) {
    return false;
  }
  switch (a.kind) {
    case 'num':
      return Object.is(a.value, (b as Sym & { kind: 'num' }).value);
    case 'var':
      return a.name === (b as Sym & { kind: 'var' }).name;
    case 'op': {
      const other = b as Sym & { kind: 'op' };
      return (
        a.op === other.op &&
        a.args.length === other.args.length &&
        a.args.every((arg, i) => same(arg, other.args[i]))
      );
    }
  }
}

/**
 * For every edge reachable from `output`, its rank in a left-to-right depth-first reading of
 * the formula (shared nodes read once, where they first appear), by index into `operands`.
 * Iterative, so any depth is fine.
 */
function edgePositions(offsets: Int32Array, operands: Int32Array, output: number): Int32Array {
  const positions = new Int32Array(operands.length);
  const seen = new Uint8Array(output + 1);
  const ids = [output];
  const next = [0];
  seen[output] = 1;
  let rank = 0;
  while (ids.length > 0) {
    const top = ids.length - 1;
    const id = ids[top] ?? 0;
    const edge = (offsets[id] ?? 0) + (next[top] ?? 0);
    if (edge >= (offsets[id + 1] ?? 0)) {
      ids.pop();
      next.pop();
      continue;
    }
    next[top] = (next[top] ?? 0) + 1;
    positions[edge] = rank;
    rank += 1;
    const operand = operands[edge] ?? 0;
    if (seen[operand] !== 1) {
      seen[operand] = 1;
      ids.push(operand);
      next.push(0);
    }
  }
  return positions;
}

/** Whether the (small, simplified) formula uses the name. */
function mentions(expr: Sym, name: string): boolean {
  switch (expr.kind) {
    case 'num':
      return false;
    case 'var':
      return expr.name === name;
    case 'op':
      return expr.args.some((arg) => mentions(arg, name));
  }
}

function isOne(expr: Sym): boolean {
  return expr.kind === 'num' && expr.value === 1;
}

function isZero(expr: Bounded | undefined): boolean {
  return expr !== undefined && expr !== TOO_LARGE && expr.kind === 'num' && expr.value === 0;
}
