// The tensor engine benchmark (`npm run bench`; run alone: `tsx --expose-gc bench/tensor.ts`).
// Side by side in one run, value and every gradient of:
//   - a 256 × 256 matmul chain, loss = Σ (A @ B @ C @ D);
//   - a two-layer MLP with softmax loss: N = 64, D = 256, H = 128, C = 10;
//   - a chain of elementwise ops on 10⁶ elements, loss = Σ tanh(x ⊙ y + 1)².
// Each by our engine (inspectTensorGraph, `steps: false`, and `steps: true` as the panel asks),
// by a hand-written Float64Array kernel of the same computation (the limit), and by
// @tensorflow/tfjs-core with its CPU backend (float32, tf.valueAndGrads). Medians after
// warm-up; memory with --expose-gc. Prints one Markdown table and the targets.
// Targets: ≤ 1.5× the limit, faster than tfjs-core, peak memory ≤ 3× the bytes of all values
// and gradients.
import { inspectTensorGraph } from '../src/engine/tensor/tensorInspect';
import { sizeOf, type Shape } from '../src/engine/tensor/shape';
import type { Tensor } from '../src/engine/tensor/tensor';
import { TensorGraphBuilder } from '../src/engine/tensor/tensorBuilder';
import type { TensorGraph } from '../src/engine/tensor/tensorIr';
import type { TensorInspectionResult } from '../src/engine/tensor/tensorResult';
import { NumpyLegacyRandom } from '../src/language/python/tensor/random/numpyLegacyRandom';

type Tf = typeof import('@tensorflow/tfjs-core');
type TfTensor = import('@tensorflow/tfjs-core').Tensor;

/** tfjs-core with its CPU kernels and its gradients (CommonJS side-effect modules), loaded once. */
function loadTfjs(): Tf {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tf = require('@tensorflow/tfjs-core') as Tf;
  require('@tensorflow/tfjs-backend-cpu');
  require('@tensorflow/tfjs-core/dist/register_all_gradients');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return tf;
}

const TIME_TARGET = 1.5;
const MEMORY_TARGET = 3;

type Inputs = Record<string, Tensor>;
/** A computation's value and the gradients of its inputs, by input name. */
interface Outcome {
  readonly value: number;
  readonly grads: Record<string, Float64Array | Float32Array>;
}

interface Case {
  readonly name: string;
  readonly inputs: Inputs;
  readonly graph: TensorGraph;
  readonly kernel: (inputs: Inputs) => Outcome;
  readonly tfjs: (tf: Tf, inputs: Record<string, TfTensor>) => TfTensor;
  /** Integer inputs tfjs takes as they are (labels), not as variables to differentiate. */
  readonly constants?: readonly string[];
  readonly repeats: number;
}

const random = new NumpyLegacyRandom(0);

function normal(shape: Shape, scale: number): Tensor {
  const data = random.randn(shape);
  for (let i = 0; i < data.length; i += 1) {
    data[i] = (data[i] ?? 0) * scale;
  }
  return { shape, data };
}

// ---------------------------------------------------------------------------------------------
// Hand-written kernels: row-major loops over Float64Arrays, i-k-j order for matrix products.

/** C = A B, A (m × k), B (k × n). */
function mm(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i += 1) {
    const row = i * n;
    for (let p = 0; p < k; p += 1) {
      const aip = a[i * k + p]!;
      const bRow = p * n;
      for (let j = 0; j < n; j += 1) {
        c[row + j] = c[row + j]! + aip * b[bRow + j]!;
      }
    }
  }
  return c;
}

/** C = Aᵀ B, A (k × m), B (k × n). */
function mmTransposedA(
  a: Float64Array,
  b: Float64Array,
  k: number,
  m: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let p = 0; p < k; p += 1) {
    const bRow = p * n;
    for (let i = 0; i < m; i += 1) {
      const api = a[p * m + i]!;
      const row = i * n;
      for (let j = 0; j < n; j += 1) {
        c[row + j] = c[row + j]! + api * b[bRow + j]!;
      }
    }
  }
  return c;
}

/** C = A Bᵀ, A (m × k), B (n × k). */
function mmTransposedB(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i += 1) {
    for (let j = 0; j < n; j += 1) {
      let sum = 0;
      for (let p = 0; p < k; p += 1) {
        sum += a[i * k + p]! * b[j * k + p]!;
      }
      c[i * n + j] = sum;
    }
  }
  return c;
}

function data(inputs: Inputs, name: string): Float64Array {
  const tensor = inputs[name];
  if (tensor === undefined) {
    throw new Error(`no input ${name}`);
  }
  return tensor.data;
}

const CHAIN = 256;

function chainKernel(inputs: Inputs): Outcome {
  const n = CHAIN;
  const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => data(inputs, name)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const p1 = mm(a, b, n, n, n);
  const p2 = mm(p1, c, n, n, n);
  const p = mm(p2, d, n, n, n);
  let value = 0;
  for (const element of p) {
    value += element;
  }
  const dp = new Float64Array(n * n).fill(1);
  const dd = mmTransposedA(p2, dp, n, n, n);
  const dp2 = mmTransposedB(dp, d, n, n, n);
  const dc = mmTransposedA(p1, dp2, n, n, n);
  const dp1 = mmTransposedB(dp2, c, n, n, n);
  const da = mmTransposedB(dp1, b, n, n, n);
  const db = mmTransposedA(a, dp1, n, n, n);
  return { value, grads: { A: da, B: db, C: dc, D: dd } };
}

function chainGraph(): TensorGraph {
  const builder = new TensorGraphBuilder();
  const shape = [CHAIN, CHAIN];
  const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => builder.input(name, shape)) as [
    number,
    number,
    number,
    number,
  ];
  const p1 = builder.op({ kind: 'matmul' }, [a, b]);
  const p2 = builder.op({ kind: 'matmul' }, [p1, c]);
  const p = builder.op({ kind: 'matmul' }, [p2, d], { name: 'P' });
  const loss = builder.op({ kind: 'sum', axes: null, keepdims: false }, [p], { name: 'loss' });
  return builder.build(loss);
}

const MLP = { n: 64, d: 256, h: 128, c: 10 } as const;
const LABELS = Int32Array.from({ length: MLP.n }, (_, i) => (i * 7) % MLP.c);

function mlpKernel(inputs: Inputs): Outcome {
  const { n, d, h, c } = MLP;
  const x = data(inputs, 'X');
  const w1 = data(inputs, 'W1');
  const b1 = data(inputs, 'b1');
  const w2 = data(inputs, 'W2');
  const b2 = data(inputs, 'b2');
  const z1 = mm(x, w1, n, d, h);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < h; j += 1) {
      z1[i * h + j] = z1[i * h + j]! + b1[j]!;
    }
  }
  const hidden = z1.map((value) => (value > 0 ? value : 0));
  const scores = mm(hidden, w2, n, h, c);
  const dScores = new Float64Array(n * c);
  let value = 0;
  for (let i = 0; i < n; i += 1) {
    let max = -Infinity;
    for (let j = 0; j < c; j += 1) {
      scores[i * c + j] = scores[i * c + j]! + b2[j]!;
      max = Math.max(max, scores[i * c + j]!);
    }
    let total = 0;
    for (let j = 0; j < c; j += 1) {
      total += Math.exp(scores[i * c + j]! - max);
    }
    const label = LABELS[i]!;
    value -= scores[i * c + label]! - max - Math.log(total);
    for (let j = 0; j < c; j += 1) {
      const p = Math.exp(scores[i * c + j]! - max) / total;
      dScores[i * c + j] = (p - (j === label ? 1 : 0)) / n;
    }
  }
  value /= n;
  const dW2 = mmTransposedA(hidden, dScores, n, h, c);
  const dB2 = columnSums(dScores, n, c);
  const dHidden = mmTransposedB(dScores, w2, n, c, h);
  const dZ1 = dHidden.map((grad, index) => (z1[index]! > 0 ? grad : 0));
  const dW1 = mmTransposedA(x, dZ1, n, d, h);
  const dB1 = columnSums(dZ1, n, h);
  const dX = mmTransposedB(dZ1, w1, n, h, d);
  return { value, grads: { X: dX, W1: dW1, b1: dB1, W2: dW2, b2: dB2 } };
}

function columnSums(matrix: Float64Array, rows: number, columns: number): Float64Array {
  const sums = new Float64Array(columns);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < columns; j += 1) {
      sums[j] = sums[j]! + matrix[i * columns + j]!;
    }
  }
  return sums;
}

function mlpGraph(): TensorGraph {
  const { n, d, h, c } = MLP;
  const builder = new TensorGraphBuilder();
  const x = builder.input('X', [n, d]);
  const w1 = builder.input('W1', [d, h]);
  const b1 = builder.input('b1', [h]);
  const w2 = builder.input('W2', [h, c]);
  const b2 = builder.input('b2', [c]);
  const z1 = builder.op({ kind: 'elementwise', op: 'add' }, [
    builder.op({ kind: 'matmul' }, [x, w1]),
    b1,
  ]);
  const hidden = builder.op({ kind: 'elementwise', op: 'relu' }, [z1], { name: 'h' });
  const scores = builder.op(
    { kind: 'elementwise', op: 'add' },
    [builder.op({ kind: 'matmul' }, [hidden, w2]), b2],
    {
      name: 'scores',
    },
  );
  const loss = builder.op({ kind: 'cross_entropy', targets: LABELS, reduction: 'mean' }, [scores], {
    name: 'loss',
  });
  return builder.build(loss);
}

const WIDE = 1000;

function wideKernel(inputs: Inputs): Outcome {
  const x = data(inputs, 'x');
  const y = data(inputs, 'y');
  const size = x.length;
  const product = new Float64Array(size);
  const shifted = new Float64Array(size);
  const t = new Float64Array(size);
  const squared = new Float64Array(size);
  let value = 0;
  for (let i = 0; i < size; i += 1) {
    product[i] = x[i]! * y[i]!;
    shifted[i] = product[i]! + 1;
    t[i] = Math.tanh(shifted[i]!);
    squared[i] = t[i]! ** 2;
    value += squared[i]!;
  }
  const dx = new Float64Array(size);
  const dy = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    const ti = t[i]!;
    const dShifted = 2 * ti * (1 - ti * ti);
    dx[i] = dShifted * y[i]!;
    dy[i] = dShifted * x[i]!;
  }
  return { value, grads: { x: dx, y: dy } };
}

function wideGraph(): TensorGraph {
  const builder = new TensorGraphBuilder();
  const shape = [WIDE, WIDE];
  const x = builder.input('x', shape);
  const y = builder.input('y', shape);
  const one = builder.constant({ shape: [], data: Float64Array.of(1) }, { text: '1' });
  const two = builder.constant({ shape: [], data: Float64Array.of(2) }, { text: '2' });
  const product = builder.op({ kind: 'elementwise', op: 'mul' }, [x, y]);
  const shifted = builder.op({ kind: 'elementwise', op: 'add' }, [product, one]);
  const t = builder.op({ kind: 'elementwise', op: 'tanh' }, [shifted]);
  const squared = builder.op({ kind: 'elementwise', op: 'pow' }, [t, two]);
  const loss = builder.op({ kind: 'sum', axes: null, keepdims: false }, [squared], {
    name: 'loss',
  });
  return builder.build(loss);
}

const CASES: readonly Case[] = [
  {
    name: 'matmul chain 4 × (256 × 256)',
    inputs: Object.fromEntries(
      ['A', 'B', 'C', 'D'].map((name) => [name, normal([CHAIN, CHAIN], 1 / 16)]),
    ),
    graph: chainGraph(),
    kernel: chainKernel,
    tfjs: (tf, t) =>
      tf.sum(
        tf.matMul(
          tf.matMul(tf.matMul(t['A'] as TfTensor, t['B'] as TfTensor), t['C'] as TfTensor),
          t['D'] as TfTensor,
        ),
      ),
    repeats: 7,
  },
  {
    name: 'MLP + softmax loss (64, 256, 128, 10)',
    inputs: {
      X: normal([MLP.n, MLP.d], 1),
      W1: normal([MLP.d, MLP.h], 0.05),
      b1: normal([MLP.h], 0.01),
      W2: normal([MLP.h, MLP.c], 0.05),
      b2: normal([MLP.c], 0.01),
    },
    graph: mlpGraph(),
    kernel: mlpKernel,
    tfjs: (tf, t) => {
      const hidden = tf.relu(
        tf.add(tf.matMul(t['X'] as TfTensor, t['W1'] as TfTensor), t['b1'] as TfTensor),
      );
      const scores = tf.add(tf.matMul(hidden, t['W2'] as TfTensor), t['b2'] as TfTensor);
      const picked = tf.mul(tf.logSoftmax(scores), t['onehot'] as TfTensor);
      return tf.div(tf.neg(tf.sum(picked)), MLP.n);
    },
    constants: ['onehot'],
    repeats: 21,
  },
  {
    name: 'elementwise chain on 10⁶ elements',
    inputs: { x: normal([WIDE, WIDE], 1), y: normal([WIDE, WIDE], 1) },
    graph: wideGraph(),
    kernel: wideKernel,
    tfjs: (tf, t) =>
      tf.sum(tf.square(tf.tanh(tf.add(tf.mul(t['x'] as TfTensor, t['y'] as TfTensor), 1)))),
    repeats: 7,
  },
];

// ---------------------------------------------------------------------------------------------
// Measuring.

const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function medianMs(run: () => unknown, repeats: number, warmUps = 2): number {
  for (let i = 0; i < warmUps; i += 1) {
    run();
  }
  const samples: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    collect();
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1] ?? NaN;
}

const TYPED_ARRAYS = [
  'Float64Array',
  'Float32Array',
  'Int32Array',
  'Uint8Array',
  'Uint32Array',
] as const;
let allocatedBytes = 0;

/**
 * From here on every typed array made with its own buffer adds its bytes to `allocatedBytes`
 * (views of a buffer do not): the total one run allocates is an upper bound of its peak, since
 * the arrays that make up the peak are all among them. Only for the memory column: it slows
 * allocation, so it is installed after the timings.
 */
function countTypedArrays(): void {
  const scope = globalThis as unknown as Record<
    string,
    new (...args: unknown[]) => ArrayBufferView
  >;
  for (const name of TYPED_ARRAYS) {
    const Original = scope[name];
    if (Original === undefined) {
      continue;
    }
    scope[name] = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        if (!(args[0] instanceof ArrayBuffer)) {
          allocatedBytes += this.byteLength;
        }
      }
    };
  }
}

/** The inputs remade with the counting constructors, so `slice` and `map` of them count too. */
function countedInputs(inputs: Inputs): Inputs {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, input]) => [
      name,
      { shape: input.shape, data: new Float64Array(input.data) },
    ]),
  );
}

function allocatedBy(run: () => unknown): number {
  allocatedBytes = 0;
  run();
  return allocatedBytes;
}

function resultBytes(result: TensorInspectionResult): number {
  return result.nodes.reduce(
    (bytes, node) => bytes + node.value.byteLength + (node.grad?.byteLength ?? 0),
    0,
  );
}

/** The largest difference between two outcomes' values and gradients, relative to each's largest element. */
function largestDifference(ours: Outcome, theirs: Outcome): number {
  let largest =
    Math.abs(ours.value - theirs.value) / Math.max(Math.abs(ours.value), Number.MIN_VALUE);
  for (const [name, grad] of Object.entries(ours.grads)) {
    const other = theirs.grads[name];
    if (other === undefined) {
      return Infinity;
    }
    let scale = Number.MIN_VALUE;
    for (const element of grad) {
      scale = Math.max(scale, Math.abs(element));
    }
    for (let i = 0; i < grad.length; i += 1) {
      largest = Math.max(largest, Math.abs((grad[i] ?? 0) - (other[i] ?? 0)) / scale);
    }
  }
  return largest;
}

function engineOutcome(result: TensorInspectionResult): Outcome {
  return {
    value: result.value,
    grads: Object.fromEntries(
      Object.entries(result.grads).map(([name, grad]) => [name, grad.data]),
    ),
  };
}

function tfjsRunner(tf: Tf, spec: Case): { run: () => Outcome; dispose: () => void } {
  const names = Object.keys(spec.inputs);
  const variables = names.map((name) => {
    const input = spec.inputs[name] as Tensor;
    return tf.tensor(Float32Array.from(input.data), [...input.shape]);
  });
  const fixed: Record<string, TfTensor> = {};
  if ((spec.constants ?? []).includes('onehot')) {
    fixed['onehot'] = tf.cast(tf.oneHot(tf.tensor1d(LABELS, 'int32'), MLP.c), 'float32');
  }
  const valueAndGrads = tf.valueAndGrads((...tensors: TfTensor[]) =>
    spec.tfjs(tf, {
      ...fixed,
      ...Object.fromEntries(names.map((name, i) => [name, tensors[i] as TfTensor])),
    }),
  );
  return {
    run: () => {
      const { value, grads } = valueAndGrads(variables);
      const outcome: Outcome = {
        value: value.dataSync()[0] ?? NaN,
        grads: Object.fromEntries(
          names.map((name, i) => [name, (grads[i] as TfTensor).dataSync() as Float32Array]),
        ),
      };
      value.dispose();
      grads.forEach((grad) => grad.dispose());
      return outcome;
    },
    dispose: () => {
      variables.forEach((variable) => variable.dispose());
      Object.values(fixed).forEach((tensor) => tensor.dispose());
    },
  };
}

interface Row {
  readonly name: string;
  readonly elements: number;
  readonly limit: number;
  readonly ours: number;
  readonly steps: number;
  readonly tfjs: number;
  readonly bytes: number;
  readonly oursAllocated: number;
  readonly stepsAllocated: number;
  readonly limitAllocated: number;
  readonly agreeKernel: number;
  readonly agreeTfjs: number;
}

type Timings = Omit<Row, 'oursAllocated' | 'stepsAllocated' | 'limitAllocated'>;

function time(tf: Tf, spec: Case): Timings {
  const engine = () => inspectTensorGraph(spec.graph, spec.inputs, { steps: false });
  const result = engine();
  const limit = medianMs(() => spec.kernel(spec.inputs), spec.repeats);
  const ours = medianMs(engine, spec.repeats);
  const steps = medianMs(
    () => inspectTensorGraph(spec.graph, spec.inputs, { steps: true }),
    Math.max(3, spec.repeats >> 2),
    1,
  );
  const tfjs = tfjsRunner(tf, spec);
  const tfjsMs = medianMs(tfjs.run, spec.repeats);
  const agreeTfjs = largestDifference(engineOutcome(result), tfjs.run());
  tfjs.dispose();
  return {
    name: spec.name,
    elements: spec.graph.nodes.reduce((count, node) => count + sizeOf(node.shape), 0),
    limit,
    ours,
    steps,
    tfjs: tfjsMs,
    bytes: resultBytes(result),
    agreeKernel: largestDifference(engineOutcome(result), spec.kernel(spec.inputs)),
    agreeTfjs,
  };
}

function withMemory(spec: Case, timings: Timings): Row {
  const inputs = countedInputs(spec.inputs);
  return {
    ...timings,
    oursAllocated: allocatedBy(() => inspectTensorGraph(spec.graph, inputs, { steps: false })),
    stepsAllocated: allocatedBy(() => inspectTensorGraph(spec.graph, inputs, { steps: true })),
    limitAllocated: allocatedBy(() => spec.kernel(inputs)),
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

function table(rows: readonly Row[]): string {
  const header = [
    'computation',
    'elements',
    'limit ms',
    'ours ms',
    'ours ÷ limit',
    'ours + steps ms',
    'tfjs ms (f32)',
    'tfjs ÷ ours',
    'values + grads MB',
    'ours alloc MB',
    'ours ÷ values',
    'steps alloc MB',
    'limit alloc MB',
  ];
  const lines = rows.map((row) => [
    row.name,
    row.elements.toLocaleString('en-US'),
    ms(row.limit),
    ms(row.ours),
    ratio(row.ours / row.limit),
    ms(row.steps),
    ms(row.tfjs),
    ratio(row.tfjs / row.ours),
    mb(row.bytes),
    mb(row.oursAllocated),
    ratio(row.oursAllocated / row.bytes),
    mb(row.stepsAllocated),
    mb(row.limitAllocated),
  ]);
  return [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

function misses(rows: readonly Row[]): string[] {
  return rows.flatMap((row) => {
    const missed: string[] = [];
    if (row.ours / row.limit > TIME_TARGET) {
      missed.push(
        `${row.name}: ${ratio(row.ours / row.limit)} the limit (target ≤ ${TIME_TARGET}×)`,
      );
    }
    if (row.tfjs <= row.ours) {
      missed.push(
        `${row.name}: tfjs-core is faster (${ms(row.tfjs)} ms against ${ms(row.ours)} ms)`,
      );
    }
    if (row.oursAllocated / row.bytes > MEMORY_TARGET) {
      missed.push(
        `${row.name}: a run allocates ${ratio(row.oursAllocated / row.bytes)} the values and gradients (target: peak ≤ ${MEMORY_TARGET}×)`,
      );
    }
    return missed;
  });
}

const NOTES = [
  '- limit: a hand-written Float64Array kernel of the same computation (i-k-j matrix products); ours: inspectTensorGraph with `steps: false` on a graph built with TensorGraphBuilder (building not timed); + steps: every backward step recorded, as the panel asks; tfjs: tfjs-core with its CPU backend in float32, tf.valueAndGrads, value and gradients read back.',
  "- Medians after warm-up, a gc before each run. Memory: the bytes of all typed arrays one run allocates (the inputs, made before it, not counted), an upper bound of its peak (counted by wrapping the typed-array constructors after the timings); values + grads: every node's value and gradient in our result.",
];

async function main(): Promise<void> {
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    process.stderr.write(
      'run with --expose-gc (tsx --expose-gc bench/tensor.ts) for steadier timings\n',
    );
  }
  const tf = loadTfjs();
  tf.enableProdMode();
  await tf.setBackend('cpu');
  // `tsx bench/tensor.ts MLP` runs the computations whose name holds the word.
  const only = process.argv[2];
  const cases = CASES.filter((spec) => only === undefined || spec.name.includes(only));
  const timings = cases.map((spec) => time(tf, spec));
  countTypedArrays();
  const rows = cases.map((spec, index) => withMemory(spec, timings[index] as Timings));
  const missed = misses(rows);
  const agreement = `- Agreement (largest difference relative to each gradient's largest element): with the limit ${rows.map((row) => row.agreeKernel.toExponential(1)).join(', ')}; with tfjs (float32) ${rows.map((row) => row.agreeTfjs.toExponential(1)).join(', ')}.`;
  process.stdout.write(
    [
      `\nTensor engine (bench/tensor.ts), Node ${process.version}, tfjs-core ${tf.version_core}\n`,
      table(rows),
      '',
      ...NOTES,
      agreement,
      '',
      missed.length === 0
        ? `Targets (≤ ${TIME_TARGET}× the limit, faster than tfjs-core, peak ≤ ${MEMORY_TARGET}× values + gradients): all met.`
        : `Targets missed:\n${missed.map((miss) => `- ${miss}`).join('\n')}`,
      '',
    ].join('\n'),
  );
}

void main();
