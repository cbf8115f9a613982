import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backward } from '../../../src/engine/backward';
import { evaluate } from '../../../src/engine/forward';
import type { Graph } from '../../../src/engine/ir';
import { symbolicGradients } from '../../../src/engine/symbolic/differentiate';
import { evaluateSym } from '../../../src/engine/symbolic/evaluate';
import {
  add,
  call,
  div,
  mul,
  neg,
  num,
  pow,
  sub,
  variable,
  type Sym,
} from '../../../src/engine/sym';
import { toText } from '../../../src/engine/symbolic/print';
import { simplify } from '../../../src/engine/symbolic/simplify';
import { mulberry32, randomGraph } from '../../support/randomGraph';

const GRAPH_RUNS = 400;
const TREE_RUNS = 1000;

function centralDifference(graph: Graph, values: Record<string, number>, name: string): number {
  const x = values[name] ?? 0;
  const h = 1e-5 * Math.max(1, Math.abs(x));
  const plus = evaluate(graph, { ...values, [name]: x + h })[graph.output] ?? NaN;
  const minus = evaluate(graph, { ...values, [name]: x - h })[graph.output] ?? NaN;
  return (plus - minus) / (2 * h);
}

const close = (a: number, b: number, tolerance: number): boolean =>
  Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

const NAMES = ['x', 'y', 'z'] as const;

/** Random formulas over + − · / unary minus, powers and smooth functions. */
const symTree: fc.Arbitrary<Sym> = fc.letrec<{ expr: Sym }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 6, depthIdentifier: 'sym' },
    fc.constantFrom(...NAMES).map(variable),
    fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -0.5, 0.25, 1.5, 0.1)).map(num),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => add(a, b)),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => sub(a, b)),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => mul(a, b)),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => div(a, b)),
    tie('expr').map(neg),
    fc.tuple(tie('expr'), fc.integer({ min: -3, max: 3 })).map(([a, k]) => pow(a, num(k))),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => pow(a, b)),
    fc
      .tuple(fc.constantFrom('sin', 'tanh', 'exp', 'sigmoid', 'sqrt' as const), tie('expr'))
      .map(([op, a]) => call(op, a)),
  ),
})).expr;

const point = fc.record({
  x: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1000),
  y: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1000),
  z: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1000),
});

/** The point moved by a few units in the last place, to detect ill-conditioned formulas. */
function nudged(env: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(env).map(([name, v]) => [name, v * (1 + 1e-14)]));
}

/**
 * True when every subformula is finite at `env`: tanh(1/(x − x)) is finite only through an
 * infinity, and simplification need not keep the sign of a zero it divides by.
 */
function finiteThroughout(expr: Sym, env: Record<string, number>): boolean {
  return (
    Number.isFinite(evaluateSym(expr, env)) &&
    (expr.kind !== 'op' || expr.args.every((arg) => finiteThroughout(arg, env)))
  );
}

describe('symbolic properties', () => {
  it(`symbolic derivatives of ${GRAPH_RUNS} random DAGs match central differences and backprop`, () => {
    let checked = 0;
    let tooLarge = 0;
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 25 }),
        (seed, inputs, ops) => {
          const { graph, values } = randomGraph(mulberry32(seed), inputs, ops);
          const pass = backward(graph, evaluate(graph, values));
          const gradients = symbolicGradients(graph);
          for (const node of graph.nodes) {
            if (node.kind !== 'input') {
              continue;
            }
            const derivative = gradients.get(node.id);
            if (derivative === undefined) {
              tooLarge += 1;
              continue;
            }
            checked += 1;
            const symbolic = evaluateSym(derivative, values);
            const numeric = centralDifference(graph, values, node.name);
            const analytic = pass.reaches[node.id] === 1 ? (pass.grads[node.id] ?? NaN) : 0;
            const text = `∂/∂${node.name} = ${toText(derivative)}`;
            assert.ok(close(symbolic, numeric, 1e-5), `${text}: ${symbolic} vs numeric ${numeric}`);
            assert.ok(
              close(symbolic, analytic, 1e-9),
              `${text}: ${symbolic} vs backprop ${analytic}`,
            );
          }
        },
      ),
      { numRuns: GRAPH_RUNS },
    );
    // The size guard is for pathological graphs, not for everyday ones.
    assert.ok(tooLarge <= checked / 20, `${tooLarge} too large, ${checked} checked`);
  });

  it(`simplify preserves the value of ${TREE_RUNS} random formulas wherever it is finite`, () => {
    fc.assert(
      fc.property(symTree, point, (expr, env) => {
        const before = evaluateSym(expr, env);
        // Where rounding the inputs in the last digits changes the value, so may reordering.
        if (!finiteThroughout(expr, env) || !close(before, evaluateSym(expr, nudged(env)), 1e-10)) {
          return;
        }
        const simplified = simplify(expr);
        const after = evaluateSym(simplified, env);
        assert.ok(
          close(before, after, 1e-9),
          `${toText(expr)} = ${before}, but ${toText(simplified)} = ${after}`,
        );
      }),
      { numRuns: TREE_RUNS },
    );
  });

  it(`simplify is idempotent on ${TREE_RUNS} random formulas`, () => {
    fc.assert(
      fc.property(symTree, (expr) => {
        const once = simplify(expr);
        const copy = JSON.parse(JSON.stringify(once)) as Sym;
        assert.deepEqual(simplify(copy), once, `${toText(expr)} → ${toText(once)}`);
      }),
      { numRuns: TREE_RUNS },
    );
  });
});
