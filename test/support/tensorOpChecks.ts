/**
 * Checks of one tensor op record on given operands: its VJP and JVP against central
 * differences, and the two against each other (⟨u, J v⟩ = ⟨Jᵀu, v⟩); plus seeded random
 * tensors and one batch run of real NumPy/PyTorch (/usr/bin/python3) for the oracle tests.
 */
import { spawnSync } from 'node:child_process';
import { strict as assert } from 'node:assert';
import { sizeOf, type Shape } from '../../src/engine/tensor/shape';
import type { Tensor } from '../../src/engine/tensor/tensor';
import type { TensorOp, TensorOpRecord } from '../../src/engine/tensor/tensorOp';

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  return a.reduce((total, value, k) => total + value * (b[k] ?? NaN), 0);
}

function shifted(args: readonly Tensor[], operand: number, k: number, delta: number): Tensor[] {
  return args.map((arg, i) => {
    if (i !== operand) {
      return arg;
    }
    const data = Float64Array.from(arg.data);
    data[k] = (data[k] ?? NaN) + delta;
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

/** The VJP of a random upstream against central differences of ⟨u, f⟩, for every operand. */
export function checkVjp<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
  step = 1e-6,
  tolerance = 1e-6,
): void {
  const out = outputOf(record, op, args);
  const upstream = randomTensor(random, out.shape);
  for (const operand of differentiableOperands(record, op, args.length)) {
    const gradient = record.vjp(op, operand, upstream, args, out);
    assert.deepEqual(
      [...gradient.shape],
      [...(args[operand]?.shape ?? [])],
      `vjp ${operand} shape`,
    );
    const numeric = (args[operand]?.data ?? new Float64Array()).map((_, k) => {
      const plus = dot(upstream.data, outputOf(record, op, shifted(args, operand, k, step)).data);
      const minus = dot(upstream.data, outputOf(record, op, shifted(args, operand, k, -step)).data);
      return (plus - minus) / (2 * step);
    });
    assertClose(gradient.data, numeric, tolerance, `${op.kind} vjp of operand ${operand}`);
  }
}

/** The JVP of random tangents on the differentiable operands against central differences. */
export function checkJvp<O extends TensorOp>(
  record: TensorOpRecord<O>,
  op: O,
  args: readonly Tensor[],
  random: () => number,
  step = 1e-6,
  tolerance = 1e-6,
): void {
  const out = outputOf(record, op, args);
  const operands = differentiableOperands(record, op, args.length);
  const tangents = args.map((arg, i) =>
    operands.includes(i) ? randomTensor(random, arg.shape) : undefined,
  );
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
  assert.deepEqual([...jvp.shape], [...out.shape], 'jvp shape');
  const plus = outputOf(record, op, along(step)).data;
  const minus = outputOf(record, op, along(-step)).data;
  const numeric = plus.map((value, k) => (value - (minus[k] ?? NaN)) / (2 * step));
  assertClose(jvp.data, numeric, tolerance, `${op.kind} jvp`);
}

/** ⟨u, J v⟩ = Σ_i ⟨J_iᵀ u, v_i⟩ for random u and v. */
export function checkAdjoint<O extends TensorOp>(
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
      dot(record.vjp(op, i, upstream, args, out).data, tangents[i]?.data ?? new Float64Array()),
    0,
  );
  close(left, right, 1e-10, `${op.kind} ⟨u, J v⟩ = ⟨Jᵀu, v⟩`);
}

/** Runs `script` once in /usr/bin/python3 with `input` as JSON on stdin; its stdout as JSON. */
export function runPython<T>(script: string, input: unknown): T {
  const run = spawnSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(`python3 failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as T;
}
