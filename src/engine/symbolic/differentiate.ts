/**
 * Readable symbolic derivatives of a graph's output, by the same reverse sweep as the numeric
 * backward pass: each operand's adjoint gains (local partial formula) · (upstream adjoint).
 * Simplifying every intermediate keeps formulas small; any that still outgrow the size limit
 * are dropped, so DAGs with heavy sharing cannot blow up.
 */
import type { Graph } from '../ir';
import { displayName } from '../labels';
import { opSpec } from '../ops';
import { ONE, ZERO, add, call, mul, num, variable, type Sym } from '../sym';
import { MAX_DEPTH, measure, simplify } from './simplify';
import { assertNever } from '../assertNever';

export interface SymbolicOptions {
  /** The largest derivative worth showing, in Sym nodes (default DEFAULT_MAX_SIZE). */
  readonly maxSize?: number;
}

export const DEFAULT_MAX_SIZE = 2000;
/** Unsimplified intermediates may be this much larger, since simplifying often shrinks them. */
const SLACK = 4;

const TOO_LARGE = Symbol('too large');
type Bounded = Sym | typeof TOO_LARGE;

/** Every node's expression in terms of the input names, exactly as the graph builds it. */
export function nodeExpressions(graph: Graph): Sym[] {
  return expressions(graph, graph.nodes.length - 1, (expr) => expr);
}

/**
 * ∂output/∂input, simplified, for every input node id. Inputs the output does not depend on
 * get 0; inputs whose derivative exceeds `maxSize` (or MAX_DEPTH) are left out of the map.
 */
export function symbolicGradients(
  graph: Graph,
  output: number = graph.output,
  options: SymbolicOptions = {},
): Map<number, Sym> {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const bounded = (expr: Sym): Bounded => {
    const before = measure(expr);
    if (before.size > SLACK * maxSize || before.depth > MAX_DEPTH) {
      return TOO_LARGE;
    }
    const result = simplify(expr);
    const after = measure(result);
    return after.size > maxSize || after.depth > MAX_DEPTH ? TOO_LARGE : result;
  };
  // Operands too large to simplify stay as built; any derivative containing them is too large.
  const exprs = expressions(graph, output, (expr) => {
    const simplified = bounded(expr);
    return simplified === TOO_LARGE ? expr : simplified;
  });

  // Each node's adjoint is the sum of its consumers' contributions, added up in the order
  // the uses appear in the formula, so ∂/∂x of x/(1 + x^2) reads quotient-rule style.
  const positions = edgePositions(graph, output);
  const contributions: Contribution[][] = [];
  const total = (id: number): Bounded | undefined => {
    const list = (contributions[id] ?? []).sort((a, b) => a.position - b.position);
    return list.reduce<Bounded | undefined>((sum, { value }) => {
      if (sum === undefined) {
        return value;
      }
      return sum === TOO_LARGE || value === TOO_LARGE ? TOO_LARGE : bounded(add(sum, value));
    }, undefined);
  };

  const adjoints: (Bounded | undefined)[] = [];
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    const adjoint = id === output ? ONE : total(id);
    adjoints[id] = adjoint;
    if (node?.kind !== 'op' || adjoint === undefined || isZero(adjoint)) {
      continue;
    }
    const partials = opSpec(node.op).partialFormulas(
      node.operands.map((operand) => exprs[operand] ?? ZERO),
    );
    node.operands.forEach((operand, i) => {
      const partial = bounded(partials[i] ?? ZERO);
      if (isZero(partial)) {
        return;
      }
      // Local partial first, then upstream: x·σ(u)·(1 − σ(u)) rather than σ(u)·(1 − σ(u))·x.
      const value =
        partial === TOO_LARGE || adjoint === TOO_LARGE ? TOO_LARGE : bounded(mul(partial, adjoint));
      const list = contributions[operand] ?? (contributions[operand] = []);
      list.push({ position: positions[id]?.[i] ?? 0, value });
    });
  }

  const gradients = new Map<number, Sym>();
  for (const node of graph.nodes) {
    const adjoint = node.kind === 'input' ? (adjoints[node.id] ?? ZERO) : TOO_LARGE;
    if (adjoint !== TOO_LARGE) {
      gradients.set(node.id, adjoint);
    }
  }
  return gradients;
}

interface Contribution {
  /** Where the use sits in the formula read left to right (see edgePositions). */
  readonly position: number;
  readonly value: Bounded;
}

/**
 * For every edge reachable from `output` (consumer id, operand index), its rank in a
 * left-to-right depth-first reading of the formula; shared nodes are read once, where they
 * first appear. Iterative, so any depth is fine.
 */
function edgePositions(graph: Graph, output: number): number[][] {
  const positions: number[][] = [];
  const seen = new Set<number>([output]);
  const frames: [id: number, next: number][] = [[output, 0]];
  let rank = 0;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as [number, number];
    const [id, i] = frame;
    const node = graph.nodes[id];
    const operand = node?.kind === 'op' ? node.operands[i] : undefined;
    if (operand === undefined) {
      frames.pop();
      continue;
    }
    frame[1] = i + 1;
    (positions[id] ?? (positions[id] = []))[i] = rank;
    rank += 1;
    if (!seen.has(operand)) {
      seen.add(operand);
      frames.push([operand, 0]);
    }
  }
  return positions;
}

function isZero(expr: Bounded): boolean {
  return expr !== TOO_LARGE && expr.kind === 'num' && expr.value === 0;
}

/** Expressions of nodes 0…last, each finished by `finish` once its operands are done. */
function expressions(graph: Graph, last: number, finish: (expr: Sym) => Sym): Sym[] {
  const exprs: Sym[] = [];
  for (const node of graph.nodes.slice(0, last + 1)) {
    switch (node.kind) {
      case 'input':
        exprs.push(variable(displayName(node.name, node.version)));
        break;
      case 'constant':
        exprs.push(num(node.value));
        break;
      case 'op':
        exprs.push(
          finish(call(node.op, ...node.operands.map((operand) => exprs[operand] ?? ZERO))),
        );
        break;
      default: {
        return assertNever(node, 'node');
      }
    }
  }
  return exprs;
}
