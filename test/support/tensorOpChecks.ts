/**
 * Checks of one tensor op record as the engine uses it, for every tensor op test: the VJP
 * followed by the sum back to the operand's shape (the engine's reduce step) against central
 * differences of ⟨u, f⟩; the JVP against central differences; and the two against each other
 * (⟨u, J v⟩ = ⟨Jᵀu, v⟩). Plus random tensors from the project's one seeded generator and one
 * batch run of real NumPy/PyTorch (/usr/bin/python3) for the oracle tests.
 */
import { spawnSync } from 'node:child_process';
import { strict as assert } from 'node:assert';
import { reduceToShape } from '../../src/engine/tensor/broadcast';
import { sameShape, sizeOf, type Shape } from '../../src/engine/tensor/shape';
import type { Tensor } from '../../src/engine/tensor/tensor';
import type { TensorOp, TensorOpRecord } from '../../src/engine/tensor/tensorOp';

export { mulberry32 } from '../../scripts/lib/random.cjs';

/** cbrt(machine epsilon), scaled to each element: balances truncation and rounding. */
const RELATIVE_STEP = Math.cbrt(Number.EPSILON);

export function randomTensor(random: () => number, shape: Shape, low = -2, high = 2): Tensor {
  return {
    shape,
    data: Float64Array.from({ length: sizeOf(shape) }, () => low + (high - low) * random()),
  };
}

export function randomShape(random: () => number, rank: number, maxLength = 4): number[] {
  return Array.from({ length: rank }, () => 1 + Math.floor(random() * maxLength));
}

export function outputOf<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
): Tensor {
  const shape = record.shape(
    op,
    args.map((arg) => arg.shape),
  );
  if (!Array.isArray(shape)) {
    throw new Error(`unexpected mismatch: ${JSON.stringify(shape)}`);
  }
  return { shape, data: record.forward(op, args, shape) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let k = 0; k < a.length; k += 1) total += (a[k] ?? NaN) * (b[k] ?? NaN);
  return total;
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

function close(actual: number, expected: number, tolerance: number, what: string): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance * scale, `${what}: ${actual} ≠ ${expected}`);
}

export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < actual.length; k += 1) {
    close(actual[k] ?? NaN, expected[k] ?? NaN, tolerance, `${what}[${k}]`);
  }
}

/** The op as a message names it, index arrays written out. */
function opText(op: TensorOp): string {
  return JSON.stringify(op, (_key, value: unknown) =>
    value instanceof Int32Array ? [...value] : value,
  );
}

/** Operands a gradient flows to. */
export function differentiableOperands<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  count: number,
): number[] {
  return Array.from({ length: count }, (_, i) => i).filter(
    (i) => record.differentiable?.(op, i) ?? true,
  );
}

/** Random tangents on the differentiable operands, none on the others. */
function randomTangents<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
): (Tensor | undefined)[] {
  const operands = differentiableOperands(record, op, args.length);
  return args.map((arg, i) => (operands.includes(i) ? randomTensor(random, arg.shape) : undefined));
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

/** The pullback of a random upstream against central differences of ⟨u, f⟩, for every operand. */
export function checkVjp<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
  tolerance = 1e-6,
): void {
  const out = outputOf(record, op, args);
  const upstream = randomTensor(random, out.shape);
  const along = (operand: number, k: number, value: number): number =>
    dot(upstream.data, outputOf(record, op, withElement(args, operand, k, value)).data);
  for (const operand of differentiableOperands(record, op, args.length)) {
    const gradient = pullback(record, op, operand, upstream, args, out);
    assert.deepEqual(
      [...gradient.shape],
      [...(args[operand]?.shape ?? [])],
      `${opText(op)}: shape of ∂/∂${operand}`,
    );
    const numeric = (args[operand]?.data ?? new Float64Array()).map((value, k) => {
      const h = RELATIVE_STEP * Math.max(1, Math.abs(value));
      return (
        (along(operand, k, value + h) - along(operand, k, value - h)) / (value + h - (value - h))
      );
    });
    assertClose(gradient.data, numeric, tolerance, `${opText(op)} vjp of operand ${operand}`);
  }
}

/** The JVP of random tangents on the differentiable operands against central differences. */
export function checkJvp<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
  tolerance = 1e-6,
): void {
  const out = outputOf(record, op, args);
  const tangents = randomTangents(record, op, args, random);
  const scale = Math.max(1, ...args.flatMap((arg) => [...arg.data].map(Math.abs)));
  const h = RELATIVE_STEP * scale;
  const along = (delta: number): Float64Array =>
    outputOf(
      record,
      op,
      args.map((arg, i) => {
        const tangent = tangents[i];
        return tangent === undefined
          ? arg
          : {
              shape: arg.shape,
              data: arg.data.map((value, k) => value + delta * (tangent.data[k] ?? NaN)),
            };
      }),
    ).data;
  const jvp = record.jvp(op, tangents, args, out);
  assert.deepEqual([...jvp.shape], [...out.shape], `${opText(op)}: jvp shape`);
  const minus = along(-h);
  const numeric = along(h).map((value, k) => (value - (minus[k] ?? NaN)) / (2 * h));
  assertClose(jvp.data, numeric, tolerance, `${opText(op)} jvp`);
}

/** ⟨u, J v⟩ = Σ_i ⟨J_iᵀ u, v_i⟩ for random u and v, the VJPs summed to the operands' shapes. */
export function checkAdjoint<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
): void {
  const out = outputOf(record, op, args);
  const tangents = randomTangents(record, op, args, random);
  const upstream = randomTensor(random, out.shape);
  const left = dot(upstream.data, record.jvp(op, tangents, args, out).data);
  const right = differentiableOperands(record, op, args.length).reduce(
    (total, i) =>
      total +
      dot(
        pullback(record, op, i, upstream, args, out).data,
        tangents[i]?.data ?? new Float64Array(),
      ),
    0,
  );
  close(right, left, 1e-10, `${opText(op)}: ⟨u, J v⟩ = ⟨Jᵀu, v⟩`);
}

/** The three checks above, in order, on one op and its operands. */
export function checkDerivatives<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
): void {
  checkVjp(record, op, args, random);
  checkJvp(record, op, args, random);
  checkAdjoint(record, op, args, random);
}

/**
 * Runs `script` once in /usr/bin/python3, with `input` as JSON on stdin when given; what it
 * prints is one JSON document, returned parsed.
 */
export function runPython<T = unknown>(script: string, input?: unknown): T {
  const run = spawnSync('/usr/bin/python3', ['-c', script], {
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(`python3 failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as T;
}
