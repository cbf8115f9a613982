import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { inspectGraph } from '../../src/engine/inspect';
import {
  InvariantViolation,
  assertInvariants,
  inspectionViolations,
} from '../../src/engine/invariants';
import type { Graph } from '../../src/engine/ir';
import type { BackwardStep, InspectionResult } from '../../src/engine/result';
import { mulberry32, randomGraph } from '../support/randomGraph';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';

/** Everything writable, all the way down: the tests break results on purpose. */
type Mutable<T> = T extends number | string | boolean | undefined
  ? T
  : { -readonly [K in keyof T]: Mutable<T[K]> };
type Broken = Mutable<InspectionResult>;
type Edge = Mutable<Extract<BackwardStep, { kind: 'edge' }>>;

/**
 * f = (x + y)·z·x + 2·3 with an input u it does not use: fan-out at x, a constant subtree
 * (2·3) that gets no gradient, an op with a constant operand, and an unused input.
 */
function sampleGraph(): Graph {
  const builder = new GraphBuilder();
  const x = builder.input('x');
  const y = builder.input('y');
  const z = builder.input('z');
  builder.input('u');
  const q = builder.op('add', [x, y], { name: 'q' });
  const p = builder.op('mul', [q, z]);
  const r = builder.op('mul', [p, x]);
  const k = builder.op('mul', [builder.constant(2), builder.constant(3)]);
  const s = builder.op('mul', [r, builder.constant(0.5)]);
  builder.op('add', [s, k], { name: 'f' });
  return builder.build();
}

const SAMPLE_VALUES = { x: -2, y: 5, z: -4, u: 7 };

function sample(steps = true): { graph: Graph; result: InspectionResult } {
  const graph = sampleGraph();
  return { graph, result: inspectGraph(graph, SAMPLE_VALUES, { steps }) };
}

/** The violations of a copy of the sample's result after `breakIt` changed it. */
function violationsAfter(breakIt: (result: Broken, graph: Graph) => void, steps = true): string[] {
  const { graph, result } = sample(steps);
  const broken = structuredClone(result) as Broken;
  breakIt(broken, graph);
  return inspectionViolations(graph, broken as InspectionResult);
}

function assertFound(violations: readonly string[], pattern: RegExp): void {
  assert.ok(
    violations.some((line) => pattern.test(line)),
    `expected a violation like ${pattern}, got:\n${violations.join('\n') || '(none)'}`,
  );
}

function idOf(graph: Graph, name: string): number {
  const node = graph.nodes.find((candidate) => candidate.name === name);
  assert.ok(node, `no node ${name}`);
  return node.id;
}

function edgesTo(result: Broken, id: number): Edge[] {
  return result.steps.filter((step): step is Edge => step.kind === 'edge' && step.to === id);
}

function constantId(graph: Graph): number {
  const constant = graph.nodes.find((node) => node.kind === 'constant');
  assert.ok(constant);
  return constant.id;
}

describe('inspection invariants', () => {
  it('hold for the reference example and a graph with constants and an unused input', () => {
    assert.deepEqual(
      inspectionViolations(referenceGraph(), inspectGraph(referenceGraph(), REFERENCE_VALUES)),
      [],
    );
    assert.deepEqual(inspectionViolations(sampleGraph(), sample().result), []);
    assert.deepEqual(inspectionViolations(sampleGraph(), sample(false).result), []);
    assert.deepEqual(
      sample().result.unused.map((input) => input.name),
      ['u'],
    );
  });

  describe('(a) each input gradient is the sum of its steps, bit for bit', () => {
    it('finds a gradient in grads that its steps do not add up to', () => {
      const found = violationsAfter((result) => {
        result.grads.x = (result.grads.x ?? 0) + 2 ** -40;
      });
      assertFound(found, /∂f\/∂x is .* in inputs and .* in grads, but its 2 steps add up to/);
      assertFound(found, /grads\[x\] is .* but inputs says/);
    });

    it('finds a gradient in inputs that its steps do not add up to', () => {
      const found = violationsAfter((result) => {
        const y = result.inputs.find((input) => input.name === 'y');
        assert.ok(y);
        y.grad = -y.grad;
      });
      assertFound(found, /∂f\/∂y is .* in inputs .* but its 1 steps add up to/);
    });

    it('finds a step whose product is not upstream × local', () => {
      const found = violationsAfter((result, graph) => {
        const [first] = edgesTo(result, idOf(graph, 'x'));
        assert.ok(first);
        first.product += 1;
      });
      assertFound(found, /has product .*, not /);
      assertFound(found, /products so far add up to/);
    });

    it('finds the last accumulated value differing from the gradient', () => {
      const found = violationsAfter((result, graph) => {
        const steps = edgesTo(result, idOf(graph, 'x'));
        const last = steps[steps.length - 1];
        assert.ok(last);
        last.accumulated = 0;
      });
      assertFound(found, /says input x \(#0\) has 0 after contribution 2/);
    });

    it('finds a gradient one rounding off the sum of its steps', () => {
      const found = violationsAfter((result, graph) => {
        const x = idOf(graph, 'x');
        const node = result.nodes[x];
        assert.ok(node?.grad !== undefined);
        node.grad = node.grad * (1 + Number.EPSILON);
      });
      assertFound(found, /input x \(#0\) has the gradient .* but its 2 steps add up to/);
    });

    it('finds an upstream gradient used before all its contributions arrived', () => {
      const found = violationsAfter((result) => {
        // Swap the edges out of f's two operands' subtrees: p's edges now come before r's.
        const edges = result.steps.filter((step): step is Edge => step.kind === 'edge');
        const fromR = edges.findIndex((step) => step.to === 0);
        const later = edges.findIndex((step) => step.from < (edges[fromR]?.from ?? 0));
        const [a, b] = [result.steps.indexOf(edges[fromR]!), result.steps.indexOf(edges[later]!)];
        [result.steps[a], result.steps[b]] = [result.steps[b]!, result.steps[a]!];
        result.steps.forEach((step, index) => (step.index = index));
      });
      assertFound(found, /uses ∂f\/∂.* after \d of its \d contributions/);
    });

    it('finds a node gradient that disagrees with the chain rule when no steps were recorded', () => {
      const found = violationsAfter((result, graph) => {
        const q = result.nodes[idOf(graph, 'q')];
        assert.ok(q?.grad !== undefined);
        q.grad += 1;
      }, false);
      assertFound(found, /input y \(#1\) has the gradient .* but the chain rule over its 1 uses/);
    });

    it('finds grads and inputs that disagree when no steps were recorded', () => {
      const found = violationsAfter((result) => {
        result.grads.z = 42;
      }, false);
      assertFound(found, /grads\[z\] is 42 but inputs says/);
    });
  });

  describe('(b) steps reach exactly the nodes that get a gradient', () => {
    it('finds a node on the way to the output that no step goes to', () => {
      const found = violationsAfter((result, graph) => {
        const y = idOf(graph, 'y');
        result.steps = result.steps.filter((step) => step.kind !== 'edge' || step.to !== y);
        result.steps.forEach((step, index) => (step.index = index));
      });
      assertFound(found, /no step goes to input y/);
    });

    it('finds a step into a constant', () => {
      const found = violationsAfter((result, graph) => {
        const f = graph.output;
        const node = graph.nodes[f];
        assert.ok(node?.kind === 'op');
        const k = node.operands[1]!;
        result.steps.push({
          kind: 'edge',
          index: result.steps.length,
          from: f,
          to: k,
          operandIndex: 1,
          upstream: 1,
          local: 1,
          localFormula: '1',
          product: 1,
          accumulated: 1,
          contribution: 1,
          contributions: 1,
        });
      });
      assertFound(found, /goes to a node that depends on no input/);
    });

    it('finds a missing or a second seed', () => {
      assertFound(
        violationsAfter((result) => {
          result.steps.shift();
          result.steps.forEach((step, index) => (step.index = index));
        }),
        /the steps have 0 seed steps/,
      );
      assertFound(
        violationsAfter((result) => {
          result.steps.push({ kind: 'seed', index: result.steps.length, node: 0, grad: 1 });
        }),
        /the steps have 2 seed steps/,
      );
    });

    it('finds a step along no edge of the graph and a repeated edge', () => {
      assertFound(
        violationsAfter((result) => {
          const edge = result.steps[1] as Edge;
          edge.operandIndex = 5;
        }),
        /is no edge of the graph/,
      );
      assertFound(
        violationsAfter((result) => {
          result.steps.push({ ...(result.steps[1] as Edge), index: result.steps.length });
        }),
        /repeats the edge/,
      );
    });
  });

  describe('(c) inputs and unused split the inputs, grads is keyed by inputs', () => {
    it('finds a gradient for an unused input', () => {
      const found = violationsAfter((result) => {
        result.grads.u = 0;
      });
      assertFound(found, /grads has u, which is no input the output uses/);
    });

    it('finds an input in neither list, or in both', () => {
      assertFound(
        violationsAfter((result) => {
          result.unused = [];
        }),
        /input u \(#3\) is in neither inputs nor unused/,
      );
      const found = violationsAfter((result) => {
        const x = result.inputs[0]!;
        result.unused.push({ id: x.id, name: x.name, value: x.value });
      });
      assertFound(found, /x \(#0\) is listed twice/);
      assertFound(found, /unused lists x, which the output uses/);
    });

    it('finds a used input listed as unused, and an unused one listed as used', () => {
      const found = violationsAfter((result) => {
        const [u] = result.unused;
        const z = result.inputs.pop();
        assert.ok(u && z);
        result.inputs.push({ ...u, grad: 0 });
        result.unused = [{ id: z.id, name: z.name, value: z.value }];
      });
      assertFound(found, /inputs lists u, which the output does not use/);
      assertFound(found, /unused lists z, which the output uses/);
      assertFound(found, /grads has z, which is no input the output uses/);
      assertFound(found, /grads has no u/);
    });

    it('finds an input listed under another name or id', () => {
      assertFound(
        violationsAfter((result) => {
          result.inputs[0]!.name = 'x (line 1)';
        }),
        /inputs lists input #0 as x \(line 1\), not x/,
      );
      assertFound(
        violationsAfter((result) => {
          result.unused[0]!.id = 4;
        }),
        /unused lists u as #4, which is no input node/,
      );
    });
  });

  describe('(d) a node has a gradient exactly when it depends on an input and reaches f', () => {
    it('finds a constant with a gradient', () => {
      for (const steps of [true, false]) {
        const found = violationsAfter((result, graph) => {
          result.nodes[constantId(graph)]!.grad = 0;
        }, steps);
        assertFound(found, /#\d+ \(2\) depends on no input but has a gradient 0/);
      }
    });

    it('finds an op of constants with a gradient', () => {
      const found = violationsAfter((result, graph) => {
        const node = graph.nodes[graph.output];
        assert.ok(node?.kind === 'op');
        result.nodes[node.operands[1]!]!.grad = 1;
      });
      assertFound(found, /\(2·3\) depends on no input but has a gradient 1/);
    });

    it('finds an unused input with a gradient', () => {
      const found = violationsAfter((result) => {
        result.nodes[3]!.grad = 0;
      });
      assertFound(found, /input u \(#3\) is not used by the output but has a gradient 0/);
    });

    it('finds a node on the way without a gradient', () => {
      const found = violationsAfter((result, graph) => {
        delete result.nodes[idOf(graph, 'q')]!.grad;
      });
      assertFound(
        found,
        /#\d+ \(q\) depends on an input and the output uses it, but has no gradient/,
      );
    });

    it('finds an output gradient other than 1', () => {
      const found = violationsAfter((result, graph) => {
        result.nodes[graph.output]!.grad = 2;
      });
      assertFound(found, /the output's gradient is 2, not 1/);
    });

    it('finds a local partial with respect to a constant, and a missing one', () => {
      const found = violationsAfter((result, graph) => {
        const s = result.nodes[graph.output - 1]!;
        s.partials.push({ operand: 1, value: 0, formula: '?' });
        result.nodes[idOf(graph, 'q')]!.partials.pop();
      });
      assertFound(found, /has a local partial for #\d+ \(0\.5\), which depends on no input/);
      assertFound(found, /#\d+ \(q\) has no local partial for input/);
    });
  });

  it('finds a result that is not of this graph', () => {
    const found = violationsAfter((result) => {
      result.nodes.pop();
    });
    assertFound(found, /the result has 12 nodes, the graph 13/);
  });

  it('throws every violation in one error', () => {
    const { graph, result } = sample();
    const broken = structuredClone(result) as Broken;
    broken.grads.u = 0;
    broken.nodes[3]!.grad = 0;
    assert.throws(
      () => assertInvariants(graph, broken as InspectionResult),
      (error: unknown) =>
        error instanceof InvariantViolation &&
        error.violations.length >= 2 &&
        /breaks \d+ invariants of the engine:\n {2}- /.test(error.message),
    );
    assert.doesNotThrow(() => assertInvariants(graph, result));
  });

  it('hold for random DAGs, with and without recorded steps, at any chosen output', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        (seed, inputs, ops, pick) => {
          const { graph, values } = randomGraph(mulberry32(seed), inputs, ops);
          // Any node may be chosen as the output: an input, a constant, an inner op.
          const outputs = [graph.output, pick % graph.nodes.length];
          for (const output of outputs) {
            for (const steps of [true, false]) {
              const result = inspectGraph(graph, values, { output, steps, checkInvariants: false });
              assert.deepEqual(inspectionViolations(graph, result), [], `output #${output}`);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
