/**
 * Checks of one tensor op record as the engine uses it: the VJP followed by the sum back to the
 * operand's shape (the engine's reduce step), against central differences of ⟨u, f⟩; the JVP
 * against central differences; and ⟨u, J v⟩ = ⟨Jᵀu, v⟩.
 */
import { strict as assert } from 'node:assert';
import { reduceToShape } from '../../../src/engine/tensor/broadcast';
import { sameShape } from '../../../src/engine/tensor/shape';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import type { TensorOp, TensorOpRecord } from '../../../src/engine/tensor/tensorOp';
import {
  assertClose,
  differentiableOperands,
  outputOf,
  randomTensor,
} from '../../support/tensorOpChecks';

/** cbrt(machine epsilon), scaled to each element: balances truncation and rounding. */
const RELATIVE_STEP = Math.cbrt(Number.EPSILON);

function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let k = 0; k < a.length; k += 1) total += (a[k] ?? NaN) * (b[k] ?? NaN);
  return total;
}

/** ∂L/∂args[operand] as the engine computes it: the VJP, summed to the operand's shape. */
export function pullback<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  operand: number,
  upstream: Tensor,
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const product = record.vjp(op, operand, upstream, args, out);
  const shape = args[operand]?.shape ?? [];
  return sameShape(product.shape, shape) ? product : reduceToShape(product, shape).tensor;
}

function withElement(args: readonly Tensor[], operand: number, k: number, value: number): Tensor[] {
  return args.map((arg, i) => {
    if (i !== operand) {
      return arg;
    }
    const data = Float64Array.from(arg.data);
    data[k] = value;
    return { shape: arg.shape, data };
  });
}

export function checkPullback<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
  tolerance = 1e-6,
): void {
  const out = outputOf(record, op, args);
  const upstream = randomTensor(random, out.shape);
  for (const operand of differentiableOperands(record, op, args.length)) {
    const grad = pullback(record, op, operand, upstream, args, out);
    const x = args[operand]?.data ?? new Float64Array();
    assert.deepEqual(
      [...grad.shape],
      [...(args[operand]?.shape ?? [])],
      `${op.kind}: shape of ∂/∂${operand}`,
    );
    const numeric = x.map((value, k) => {
      const h = RELATIVE_STEP * Math.max(1, Math.abs(value));
      const plus = dot(
        upstream.data,
        outputOf(record, op, withElement(args, operand, k, value + h)).data,
      );
      const minus = dot(
        upstream.data,
        outputOf(record, op, withElement(args, operand, k, value - h)).data,
      );
      return (plus - minus) / (value + h - (value - h));
    });
    assertClose(grad.data, numeric, tolerance, `${describe(op)} vjp of operand ${operand}`);
  }
}

export function checkTangent<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
  tolerance = 1e-6,
): void {
  const out = outputOf(record, op, args);
  const operands = differentiableOperands(record, op, args.length);
  const tangents = args.map((arg, i) =>
    operands.includes(i) ? randomTensor(random, arg.shape) : undefined,
  );
  const scale = Math.max(1, ...args.flatMap((arg) => [...arg.data].map(Math.abs)));
  const h = RELATIVE_STEP * scale;
  const along = (delta: number): Tensor[] =>
    args.map((arg, i) => {
      const tangent = tangents[i];
      return tangent === undefined
        ? arg
        : {
            shape: arg.shape,
            data: arg.data.map((value, k) => value + delta * (tangent.data[k] ?? NaN)),
          };
    });
  const jvp = record.jvp(op, tangents, args, out);
  assert.deepEqual([...jvp.shape], [...out.shape], `${describe(op)}: jvp shape`);
  const plus = outputOf(record, op, along(h)).data;
  const minus = outputOf(record, op, along(-h)).data;
  const numeric = plus.map((value, k) => (value - (minus[k] ?? NaN)) / (2 * h));
  assertClose(jvp.data, numeric, tolerance, `${describe(op)} jvp`);
}

export function checkAdjointness<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
): void {
  const out = outputOf(record, op, args);
  const operands = differentiableOperands(record, op, args.length);
  const tangents = args.map((arg, i) =>
    operands.includes(i) ? randomTensor(random, arg.shape) : undefined,
  );
  const upstream = randomTensor(random, out.shape);
  const left = dot(upstream.data, record.jvp(op, tangents, args, out).data);
  const right = operands.reduce(
    (total, i) =>
      total +
      dot(
        pullback(record, op, i, upstream, args, out).data,
        tangents[i]?.data ?? new Float64Array(),
      ),
    0,
  );
  assert.ok(
    Math.abs(left - right) <= 1e-10 * Math.max(1, Math.abs(left)),
    `${describe(op)}: ⟨u, J v⟩ = ${left}, ⟨Jᵀu, v⟩ = ${right}`,
  );
}

export function describe(op: TensorOp): string {
  return JSON.stringify(op, (_key, value: unknown) =>
    value instanceof Int32Array ? [...value] : value,
  );
}
