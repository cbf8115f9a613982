// The peers the engine is compared with: mathjs (parse, symbolic derivative, evaluate) and
// @tensorflow/tfjs-core on the CPU backend (one scalar tensor per node, reverse mode).
// Both are devDependencies used by the benchmark only, loaded on first use.
import { createRequire } from 'node:module';
import { INPUT_COUNT, toMathString, toTfFunction } from './graphs.mjs';

const require = createRequire(import.meta.url);
const names = Array.from({ length: INPUT_COUNT }, (_, i) => `x${i}`);

const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

let mathjs;
/** mathjs through its CommonJS entry (the faster of its two to load); `loadMs` on first load. */
export function loadMathjs() {
  if (mathjs === undefined) {
    const start = process.hrtime.bigint();
    const math = require('mathjs');
    mathjs = { math, loadMs: msSince(start), version: math.version };
  }
  return mathjs;
}

/**
 * One mathjs run over an expression: parse, a symbolic derivative per input (without
 * mathjs's own simplification, which is far slower), and evaluation of the value and of
 * every derivative. Returns the value and the gradient in input order.
 */
export function mathjsRun(math, text, values) {
  const scope = {};
  names.forEach((name, i) => {
    scope[name] = values[i];
  });
  const expr = math.parse(text);
  const value = expr.compile().evaluate(scope);
  const grads = names.map((name) =>
    math.derivative(expr, name, { simplify: false }).compile().evaluate(scope),
  );
  return { value, grads };
}

/** The mathjs expression for a graph, or undefined for a DAG (see `toMathString`). */
export const mathjsExpression = toMathString;

let tfjs;
/**
 * tfjs-core with the CPU backend in production mode. The CommonJS bundle of tfjs-core ships
 * without gradient definitions (the union package `@tensorflow/tfjs` registers them), so the
 * ones for the ops used here are registered below, transcribed from tfjs-core 4.22's own
 * `src/gradients/*_grad.ts`.
 */
export async function loadTfjs() {
  if (tfjs === undefined) {
    const start = process.hrtime.bigint();
    const tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');
    tf.enableProdMode();
    await tf.setBackend('cpu');
    registerGradients(tf);
    tfjs = { tf, loadMs: msSince(start), version: tf.version_core };
  }
  return tfjs;
}

function registerGradients(tf) {
  const { assertAndGetBroadcastShape, getReductionAxes } = tf.broadcast_util;
  const reduceTo = (res, shape, outShape) => {
    const reduceAxes = getReductionAxes(shape, outShape);
    return tf.reshape(reduceAxes.length > 0 ? tf.sum(res, reduceAxes) : res, shape);
  };
  const configs = [
    {
      kernelName: 'Add',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => {
        const outShape = assertAndGetBroadcastShape(a.shape, b.shape);
        return {
          a: () => reduceTo(dy, a.shape, outShape),
          b: () => reduceTo(dy, b.shape, outShape),
        };
      },
    },
    {
      kernelName: 'Sub',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => {
        const outShape = assertAndGetBroadcastShape(a.shape, b.shape);
        return {
          a: () => reduceTo(dy, a.shape, outShape),
          b: () => tf.neg(reduceTo(dy, b.shape, outShape)),
        };
      },
    },
    {
      kernelName: 'Multiply',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => {
        const outShape = assertAndGetBroadcastShape(a.shape, b.shape);
        const der = (other, shape) => () => {
          const res = tf.mul(dy, tf.cast(other, 'float32'));
          const reduceAxes = getReductionAxes(shape, outShape);
          return reduceAxes.length > 0 ? tf.reshape(tf.sum(res, reduceAxes), shape) : res;
        };
        return { a: der(b, a.shape), b: der(a, b.shape) };
      },
    },
    {
      kernelName: 'Tanh',
      outputsToSave: [true],
      gradFunc: (dy, [y]) => ({ x: () => tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy) }),
    },
    {
      kernelName: 'Exp',
      outputsToSave: [true],
      gradFunc: (dy, [y]) => ({ x: () => tf.mul(dy, y) }),
    },
    {
      kernelName: 'Sin',
      inputsToSave: ['x'],
      gradFunc: (dy, [x]) => ({ x: () => tf.mul(tf.cos(tf.cast(x, 'float32')), dy) }),
    },
    {
      kernelName: 'Sigmoid',
      outputsToSave: [true],
      gradFunc: (dy, [y]) => ({ x: () => tf.mul(dy, tf.mul(y, tf.sub(tf.scalar(1), y))) }),
    },
  ];
  for (const config of configs) {
    tf.registerGradient(config);
  }
}

/**
 * A tfjs runner for a graph: each call builds the graph anew from scalar tensors (define by
 * run), takes the value and the gradient of every input with `tf.valueAndGrads`, reads them
 * back and frees every tensor. Float32.
 */
export function tfjsRunner(tf, graph, values) {
  const f = toTfFunction(tf, graph);
  const valueAndGrads = tf.valueAndGrads(f);
  return () => {
    const inputs = values.map((v) => tf.scalar(v));
    const out = tf.tidy(() => {
      const { value, grads } = valueAndGrads(inputs);
      return { value: value.dataSync()[0], grads: grads.map((g) => g.dataSync()[0]) };
    });
    tf.dispose(inputs);
    return out;
  };
}
