import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backward } from '../../../src/engine/backward';
import { evaluate } from '../../../src/engine/forward';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { inspectGraph } from '../../../src/engine/inspect';
import type { Graph } from '../../../src/engine/ir';
import type { OpName } from '../../../src/engine/opName';
import { DEFAULT_MAX_WORK, symbolicDerivatives } from '../../../src/engine/symbolic/differentiate';
import { evaluateSym } from '../../../src/engine/symbolic/evaluate';
import { toLatex, toText } from '../../../src/engine/symbolic/print';
import { mulberry32, randomGraph } from '../../support/randomGraph';

function stepOf(values: Record<string, number>, name: string): number {
  return 1e-6 * Math.max(1, Math.abs(values[name] ?? 0));
}

function centralDifference(graph: Graph, values: Record<string, number>, name: string): number {
  const x = values[name] ?? 0;
  const h = stepOf(values, name);
  const plus = evaluate(graph, { ...values, [name]: x + h })[graph.output] ?? NaN;
  const minus = evaluate(graph, { ...values, [name]: x - h })[graph.output] ?? NaN;
  return (plus - minus) / (2 * h);
}

/** Within `tolerance`, or the same non-finite value (exp(exp(exp(x))) overflows: both NaN). */
const close = (a: number, b: number, tolerance: number): boolean =>
  Object.is(a, b) ||
  (Number.isNaN(a) && Number.isNaN(b)) ||
  Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

/** The values formulas can name: the inputs, and every named intermediate at the point. */
function environment(
  graph: Graph,
  values: Record<string, number>,
  names: ReadonlyMap<number, string>,
): Record<string, number> {
  const forward = evaluate(graph, values);
  const env: Record<string, number> = { ...values };
  for (const [id, name] of names) {
    env[name] = forward[id] ?? NaN;
  }
  return env;
}

/** CS231n's staged sigmoid neuron, as the Python front end lowers it. */
function stagedSigmoid(): Graph {
  const g = new GraphBuilder();
  const [w0, x0, w1, x1, w2] = ['w0', 'x0', 'w1', 'x1', 'w2'].map((name) => g.input(name)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const dot = g.op('add', [g.op('add', [g.op('mul', [w0, x0]), g.op('mul', [w1, x1])]), w2], {
    name: 'dot',
  });
  const denominator = g.op('add', [g.constant(1), g.op('exp', [g.op('neg', [dot])])]);
  return g.build(g.op('div', [g.constant(1), denominator], { name: 'f' }));
}

const CS231N = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };

describe('symbolic derivatives in the code’s own names', () => {
  it('writes CS231n’s staged sigmoid as the course does: ∂f/∂w0 = x0·f·(1 − f)', () => {
    const graph = stagedSigmoid();
    const { gradients, names, limit } = symbolicDerivatives(graph);
    assert.equal(limit, undefined);
    const text = (name: string): string => {
      const id = graph.nodes.findIndex((node) => node.kind === 'input' && node.name === name);
      return toText(gradients.get(id) ?? { kind: 'num', value: NaN });
    };
    assert.equal(text('w0'), 'x0·f·(1 − f)');
    assert.equal(text('x0'), 'w0·f·(1 − f)');
    assert.equal(text('w2'), 'f·(1 − f)');
    // CS231n's numbers: dx = [0.39, −0.59], dw = [−0.2, −0.39, 0.2] (PyTorch: −0.196612 …).
    const env = environment(graph, CS231N, names);
    const w0 = graph.nodes.findIndex((node) => node.name === 'w0');
    assert.ok(Math.abs(evaluateSym(gradients.get(w0)!, env) - -0.19661193324148185) < 1e-12);
  });

  it('prints a named node’s name, not its expansion, in text and LaTeX', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const y = g.input('y');
    const q = g.op('add', [x, y], { name: 'q' });
    const h = g.op('tanh', [q], { name: 'h' });
    const graph = g.build(g.op('mul', [h, x]));
    const result = inspectGraph(graph, { x: 0.5, y: -1.5 });
    const byName = Object.fromEntries(result.inputs.map((input) => [input.name, input.symbolic]));
    assert.equal(byName.x?.text, '(1 − h^2)·x + h');
    assert.equal(byName.y?.text, '(1 − h^2)·x');
    assert.equal(byName.y?.latex, '\\left(1 - h^{2}\\right) \\cdot x');
  });

  it('expands a name that two nodes share, so a formula never means two things', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const first = g.op('sin', [x], { name: 't' });
    const second = g.op('cos', [first], { name: 't' });
    const graph = g.build(g.op('mul', [second, x]));
    const { gradients } = symbolicDerivatives(graph);
    const text = toText(gradients.get(x)!);
    assert.ok(!/\bt\b/.test(text), text);
    assert.ok(text.includes('cos(sin(x))'), text);
  });

  it('writes relu’s derivative as a step, 1[u > 0], whose value is the gradient', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const w = g.input('w');
    const h = g.op('relu', [g.op('mul', [w, x])], { name: 'h' });
    const graph = g.build(g.op('mul', [h, x]));
    const { gradients, names } = symbolicDerivatives(graph);
    assert.equal(toText(gradients.get(w)!), 'x^2·1[w·x > 0]');
    assert.equal(toLatex(gradients.get(w)!), 'x^{2} \\cdot \\mathbf{1}[w \\cdot x > 0]');
    for (const values of [
      { x: 1.5, w: 0.5 },
      { x: 1.5, w: -0.5 },
      { x: -2, w: -0.25 },
    ]) {
      const env = environment(graph, values, names);
      const pass = backward(graph, evaluate(graph, values));
      for (const [id, name] of [
        [x, 'x'],
        [w, 'w'],
      ] as const) {
        const symbolic = evaluateSym(gradients.get(id)!, env);
        assert.ok(close(symbolic, pass.grads[id]!, 1e-12), `${name} at ${JSON.stringify(values)}`);
        assert.ok(close(symbolic, centralDifference(graph, values, name), 1e-6));
      }
    }
  });

  it('evaluates, on random DAGs with named nodes, to backprop’s gradient and central differences', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 20 }),
        (seed, inputs, ops) => {
          const { graph, values } = namedRandomGraph(mulberry32(seed), inputs, ops);
          const { gradients, names } = symbolicDerivatives(graph);
          const env = environment(graph, values, names);
          const pass = backward(graph, evaluate(graph, values));
          for (const node of graph.nodes) {
            const derivative = gradients.get(node.id);
            if (node.kind !== 'input' || derivative === undefined) {
              continue;
            }
            const symbolic = evaluateSym(derivative, env);
            const analytic = pass.reaches[node.id] === 1 ? pass.grads[node.id]! : 0;
            const text = `∂/∂${node.name} = ${toText(derivative)}`;
            assert.ok(close(symbolic, analytic, 1e-9), `${text}: ${symbolic} vs ${analytic}`);
            // Central differences only where the step is in the linear regime: a slope like
            // 1e45 (sin of an exp of an exp) moves the output by more than the step resolves.
            if (
              !Number.isFinite(analytic) ||
              Math.abs(analytic) * stepOf(values, node.name) > 1e-3
            ) {
              continue;
            }
            const numeric = centralDifference(graph, values, node.name);
            assert.ok(close(symbolic, numeric, 1e-5), `${text}: ${symbolic} vs ${numeric}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the symbolic budget', () => {
  it('leaves out, and says so, what would take more work than the budget', () => {
    const { graph, values } = wideSum(6_000);
    const derivatives = symbolicDerivatives(graph);
    assert.equal(derivatives.limit, 'work');
    assert.equal(derivatives.gradients.size, 0);
    const result = inspectGraph(graph, values, { checkInvariants: false });
    assert.match(
      result.symbolicSkipped ?? '',
      new RegExp(
        `with respect to x0, x1, x2, x3, x4 and 3 more would take more than ${DEFAULT_MAX_WORK.toLocaleString('en')} simplification steps`,
      ),
    );
  });

  it('leaves out derivatives too long to read, keeping the short ones', () => {
    const g = new GraphBuilder();
    let node = g.input('x');
    for (let i = 0; i < 40; i += 1) {
      node = g.op('sin', [g.op('mul', [node, g.input(`y${i}`)])]);
    }
    const graph = g.build(g.op('add', [node, g.input('z')]));
    const { gradients, limit } = symbolicDerivatives(graph, graph.output, { maxSize: 200 });
    assert.equal(limit, 'size');
    assert.equal(gradients.get(0), undefined);
    const z = graph.nodes.findIndex((n) => n.name === 'z');
    assert.equal(toText(gradients.get(z)!), '1');
  });

  it('never gives a formula that disagrees with backprop on 10⁴-node random DAGs and trees', () => {
    for (const { graph, values } of [randomGraph(mulberry32(3), 8, 10_000), randomTree(3)]) {
      const { gradients, names, limit } = symbolicDerivatives(graph);
      // Every input has its derivative, or the result says which bound left some out.
      const inputs = graph.nodes.filter((node) => node.kind === 'input').length;
      assert.ok(gradients.size === inputs || limit !== undefined);
      const env = environment(graph, values, names);
      const pass = backward(graph, evaluate(graph, values));
      for (const [id, derivative] of gradients) {
        const analytic = pass.reaches[id] === 1 ? pass.grads[id]! : 0;
        assert.ok(close(evaluateSym(derivative, env), analytic, 1e-9));
      }
    }
  });
});

// relu has its own test: a random graph may put its kink exactly at the point (relu(x − x)).
/** Σ cᵢ·x_(i mod 8), folded left as a parser reads `c0*x0 + c1*x1 + …`. */
function wideSum(terms: number): { graph: Graph; values: Record<string, number> } {
  const g = new GraphBuilder();
  const values: Record<string, number> = {};
  const inputs = Array.from({ length: 8 }, (_, i) => {
    values[`x${i}`] = 0.25 * (i - 4);
    return g.input(`x${i}`);
  });
  const term = (i: number): number =>
    g.op('mul', [g.constant(1 + (i % 7) / 10), inputs[i % 8] ?? 0]);
  let sum = term(0);
  for (let i = 1; i < terms; i += 1) {
    sum = g.op('add', [sum, term(i)]);
  }
  return { graph: g.build(sum), values };
}

/** A random expression tree of about 10⁴ nodes over 8 inputs: no intermediate used twice. */
function randomTree(seed: number): { graph: Graph; values: Record<string, number> } {
  const random = mulberry32(seed);
  const g = new GraphBuilder();
  const values: Record<string, number> = {};
  const inputs = Array.from({ length: 8 }, (_, i) => {
    values[`x${i}`] = Math.round((random() * 4 - 2) * 100) / 100;
    return g.input(`x${i}`);
  });
  // Built bottom-up from a pool of subtrees, each used once: no recursion.
  const pool: number[] = Array.from({ length: 2_000 }, () => inputs[Math.floor(random() * 8)] ?? 0);
  while (pool.length > 1) {
    const a = pool.splice(Math.floor(random() * pool.length), 1)[0] ?? 0;
    const b = pool.splice(Math.floor(random() * pool.length), 1)[0] ?? 0;
    const op = (['add', 'sub', 'mul'] as const)[Math.floor(random() * 3)] ?? 'add';
    const squashed = g.op(random() < 0.5 ? 'tanh' : 'sin', [b]);
    pool.push(g.op(op, [a, op === 'mul' ? squashed : g.op('sin', [squashed])]));
  }
  return { graph: g.build(pool[0]), values };
}

const UNARY: readonly OpName[] = ['tanh', 'sin', 'sigmoid', 'exp'];
const BINARY: readonly OpName[] = ['add', 'sub', 'mul'];

/**
 * Random DAGs like test/support/randomGraph's, where about half the op nodes carry a name
 * (some names twice, which must not be used) and some are the logistic written out, named.
 */
function namedRandomGraph(
  random: () => number,
  inputCount: number,
  opCount: number,
): { graph: Graph; values: Record<string, number> } {
  const g = new GraphBuilder();
  const values: Record<string, number> = {};
  const ids: number[] = [];
  for (let i = 0; i < inputCount; i += 1) {
    const name = `x${i}`;
    values[name] = Math.round((random() * 4 - 2) * 100) / 100 || 0.5;
    ids.push(g.input(name));
  }
  const pick = (): number => ids[Math.floor(random() * ids.length)] ?? 0;
  const nameFor = (i: number): { name?: string } =>
    random() < 0.5 ? { name: random() < 0.1 ? 'shared' : `n${i}` } : {};
  for (let i = 0; i < opCount; i += 1) {
    const r = random();
    if (r < 0.15) {
      const u = pick();
      const sum = g.op('add', [g.constant(1), g.op('exp', [g.op('neg', [u])])]);
      ids.push(g.op('div', [g.constant(1), sum], { name: `s${i}` }));
    } else if (r < 0.55) {
      const op = UNARY[Math.floor(random() * UNARY.length)] ?? 'sin';
      ids.push(g.op(op, [pick()], nameFor(i)));
    } else {
      const op = BINARY[Math.floor(random() * BINARY.length)] ?? 'add';
      ids.push(g.op(op, [pick(), pick()], nameFor(i)));
    }
  }
  return { graph: g.build(), values };
}
