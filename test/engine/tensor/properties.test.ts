import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { OpName } from '../../../src/engine/opName';
import { sizeOf, type Shape } from '../../../src/engine/tensor/shape';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import { TensorGraphBuilder, TensorShapeError } from '../../../src/engine/tensor/tensorBuilder';
import { tensorForward } from '../../../src/engine/tensor/tensorForward';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import type { TensorGraph } from '../../../src/engine/tensor/tensorIr';
import type { ReductionKind, TensorOp } from '../../../src/engine/tensor/tensorOp';
import { mulberry32 } from '../../support/tensorOpChecks';

const RUNS = 200;
const UNARY: readonly OpName[] = ['tanh', 'sin', 'sigmoid', 'softplus', 'exp'];
const BINARY: readonly OpName[] = ['add', 'sub', 'mul'];
const REDUCTIONS: readonly ReductionKind[] = ['sum', 'mean', 'logsumexp', 'max', 'prod'];

interface Instruction {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly pick: number;
}

/** A random small program over elementwise ops, matmul, reductions and layout ops, ending in Σ. */
function buildProgram(
  seed: number,
  shapes: readonly Shape[],
  instructions: readonly Instruction[],
) {
  const random = mulberry32(seed);
  const builder = new TensorGraphBuilder();
  const values: Record<string, Tensor> = {};
  shapes.forEach((shape, i) => {
    builder.input(`x${i}`, shape);
    values[`x${i}`] = {
      shape,
      data: Float64Array.from(
        { length: sizeOf(shape) },
        () => 0.3 + random() * (random() < 0.5 ? -1.2 : 1),
      ),
    };
  });
  for (const { kind, a, b, pick } of instructions) {
    const first = a % builder.size;
    const second = b % builder.size;
    const op = opFor(kind, pick, builder.shapeOf(first), builder.shapeOf(second));
    if (op === undefined) {
      continue;
    }
    try {
      builder.op(op.op, op.binary ? [first, second] : [first]);
    } catch (error) {
      if (!(error instanceof TensorShapeError)) {
        throw error;
      }
    }
  }
  const last = builder.size - 1;
  const output = builder.op({ kind: 'sum', axes: null, keepdims: false }, [last]);
  return { graph: builder.build(output), values };
}

function opFor(
  kind: number,
  pick: number,
  shape: Shape,
  other: Shape,
): { op: TensorOp; binary: boolean } | undefined {
  switch (kind % 7) {
    case 0:
      return { op: { kind: 'elementwise', op: UNARY[pick % UNARY.length]! }, binary: false };
    case 1:
      return { op: { kind: 'elementwise', op: BINARY[pick % BINARY.length]! }, binary: true };
    case 2:
      return shape.length === 0 || other.length === 0
        ? undefined
        : { op: { kind: 'matmul' }, binary: true };
    case 3: {
      const axes = shape.map((_, axis) => axis).filter((axis) => (pick >> axis) % 2 === 1);
      const reduction = REDUCTIONS[pick % REDUCTIONS.length]!;
      return {
        op: { kind: reduction, axes: axes.length === 0 ? null : axes, keepdims: pick % 2 === 0 },
        binary: false,
      };
    }
    case 4:
      return {
        op: { kind: 'reshape', shape: pick % 2 === 0 ? [-1] : [1, ...shape] },
        binary: false,
      };
    case 5:
      return {
        op: { kind: 'transpose', axes: shape.map((_, axis) => shape.length - 1 - axis) },
        binary: false,
      };
    default:
      return shape.length > 2
        ? undefined
        : { op: { kind: 'broadcast_to', shape: [2, ...shape] }, binary: false };
  }
}

function outputAt(graph: TensorGraph, values: Record<string, Tensor>): number {
  return tensorForward(graph, values)[graph.output]?.[0] ?? NaN;
}

function centralDifference(
  graph: TensorGraph,
  values: Record<string, Tensor>,
  name: string,
  k: number,
): number {
  const tensor = values[name]!;
  const x = tensor.data[k]!;
  const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x));
  const at = (v: number) => {
    const data = Float64Array.from(tensor.data);
    data[k] = v;
    return outputAt(graph, { ...values, [name]: { shape: tensor.shape, data } });
  };
  return (at(x + h) - at(x - h)) / (x + h - (x - h));
}

const shapeArbitrary = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 });
const instructionArbitrary = fc.record({
  kind: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  pick: fc.nat({ max: 63 }),
});

describe('tensor engine properties (random tensor programs)', () => {
  it(`gradients agree with central differences on ${RUNS} random programs`, () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(shapeArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(instructionArbitrary, { minLength: 1, maxLength: 8 }),
        (seed, shapes, instructions) => {
          const { graph, values } = buildProgram(seed, shapes, instructions);
          const result = inspectTensorGraph(graph, values);
          const output = result.value;
          fc.pre(Number.isFinite(output) && Math.abs(output) < 1e6);
          for (const input of [...result.inputs, ...result.unused]) {
            const grad = result.grads[input.name]?.data;
            input.value.forEach((_, k) => {
              const analytic = grad?.[k] ?? 0;
              const numeric = centralDifference(graph, values, input.name, k);
              const scale = Math.max(1, Math.abs(analytic), Math.abs(numeric));
              assert.ok(
                Math.abs(analytic - numeric) <= 1e-5 * scale,
                `∂/∂${input.name}[${k}]: analytic ${analytic}, numeric ${numeric}`,
              );
            });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives bit for bit the same gradients with steps and without', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(shapeArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(instructionArbitrary, { minLength: 1, maxLength: 10 }),
        (seed, shapes, instructions) => {
          const { graph, values } = buildProgram(seed, shapes, instructions);
          const withSteps = inspectTensorGraph(graph, values);
          const without = inspectTensorGraph(graph, values, { steps: false });
          withSteps.nodes.forEach((view) =>
            assert.deepEqual(without.nodes[view.id]?.grad, view.grad),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
