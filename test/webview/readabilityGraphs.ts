/**
 * The graphs the panel must keep readable at 550 px (issue 15, item 5): CS231n's sigmoid
 * neuron, a layer of 20 tanh neurons written out in scalar Python (282 nodes), a CS231n
 * two-layer net (ReLU, softmax loss) in scalar form, and a 2,000-node random DAG of the
 * benchmark; and, with arrays, the two-layer net and CS231n's softmax loss. Each is read through
 * the real pipeline or built as the benchmark builds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { inspectGraph } from '../../src/engine/inspect';
import type { InspectionResult } from '../../src/engine/result';
import type { PanelInspection, PanelTensorInspection } from '../../src/protocol/protocol';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';
import { inspectionOf, linesRange } from '../support/inspections';
import { samplePanel } from '../support/tensorPanels';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

/** A graph of scalar code, or of code with arrays (drawn with its tensors' shapes and heat maps). */
export type ReadabilityCase =
  | {
      readonly kind: 'scalar';
      /** The screenshot's name: docs/screenshots/panel-<name>.png. */
      readonly name: string;
      readonly inspection: PanelInspection;
    }
  | {
      readonly kind: 'tensor';
      readonly name: string;
      readonly inspection: PanelTensorInspection;
    };

/** A weight in [−1, 1] with two decimals, the same on every run. */
function weight(k: number): string {
  return (Math.round(Math.sin(k * 12.9898) * 100) / 100).toFixed(2);
}

export const SIGMOID_NEURON = [
  'import math',
  '',
  'w0 = 2',
  'x0 = -1',
  'w1 = -3',
  'x1 = -2',
  'w2 = -3',
  'f = 1 / (1 + math.exp(-(w0 * x0 + w1 * x1 + w2)))',
  '',
].join('\n');

/** `h0 = math.tanh(0.12 * x0 + … + 0.5)` for 20 neurons, then `out = v0 * h0 + …`. */
export function denseLayerSource(): string {
  const lines = ['import math', '', 'x0 = 0.5', 'x1 = -1.2', 'x2 = 0.8'];
  let k = 1;
  for (let i = 0; i < 20; i += 1) {
    const terms = [0, 1, 2].map((j) => `${weight(k++)} * x${j}`);
    lines.push(`h${i} = math.tanh(${terms.join(' + ')} + ${weight(k++)})`);
  }
  const sum = Array.from({ length: 20 }, (_, i) => `${weight(k++)} * h${i}`);
  lines.push(`out = ${sum.join(' + ')}`, '');
  return lines.join('\n');
}

/** Two inputs, three ReLU units, three classes, the softmax loss of class 1; weights are inputs. */
export function twoLayerNetSource(): string {
  const lines = ['import math', '', 'x0 = 1.5', 'x1 = -0.5'];
  let k = 100;
  for (let j = 0; j < 3; j += 1) {
    lines.push(
      `W1_0${j} = ${weight(k++)}`,
      `W1_1${j} = ${weight(k++)}`,
      `b1_${j} = ${weight(k++)}`,
    );
  }
  for (let c = 0; c < 3; c += 1) {
    for (let j = 0; j < 3; j += 1) {
      lines.push(`W2_${j}${c} = ${weight(k++)}`);
    }
    lines.push(`b2_${c} = ${weight(k++)}`);
  }
  for (let j = 0; j < 3; j += 1) {
    lines.push(`h${j} = max(0, x0 * W1_0${j} + x1 * W1_1${j} + b1_${j})`);
  }
  for (let c = 0; c < 3; c += 1) {
    lines.push(`s${c} = h0 * W2_0${c} + h1 * W2_1${c} + h2 * W2_2${c} + b2_${c}`);
  }
  lines.push('loss = -math.log(math.exp(s1) / (math.exp(s0) + math.exp(s1) + math.exp(s2)))', '');
  return lines.join('\n');
}

/** The code from its first line that starts with `first` to its last line, read as Python. */
async function pythonCase(name: string, source: string, first: string): Promise<ReadabilityCase> {
  const lines = source.split('\n');
  const from = lines.findIndex((line) => line.startsWith(first));
  const inspection = await inspectionOf({
    source,
    language: 'python',
    selection: linesRange(source, from, lines.length - 2),
    values: {},
  });
  return {
    kind: 'scalar',
    name,
    inspection: panelInspection(`${name}.py`, inspection.result, inspection.values),
  };
}

export function panelInspection(
  fileName: string,
  result: InspectionResult,
  values: Readonly<Record<string, number>>,
): PanelInspection {
  return {
    uri: `file:///work/${fileName}`,
    fileName,
    result,
    values,
    lineOffset: 0,
    outputChosen: false,
    request: {
      selection: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
      values: {},
    },
  };
}

/** The benchmark's random DAG of 2,000 nodes (bench/graphs.mjs, seed 7). */
async function randomDagCase(): Promise<ReadabilityCase> {
  const bench = await import('../../bench/graphs.mjs');
  const { graph, values } = bench.named(bench.randomDag(GraphBuilder, 2000, 7), 7);
  return {
    kind: 'scalar',
    name: 'random-dag-2000',
    inspection: panelInspection('random_dag.py', inspectGraph(graph, values), values),
  };
}

/** CS231n's TwoLayerNet.loss on its toy model and data (samples/two_layer_net.py), with arrays. */
async function tensorTwoLayerNet(): Promise<ReadabilityCase> {
  const source = readFileSync(join(__dirname, '..', '..', 'samples', 'two_layer_net.py'), 'utf8');
  const outcome = await inspectSource(createFrontEnds(wasmFromNodeModules), {
    source,
    language: 'python',
  });
  if (!outcome.ok || outcome.kind !== 'tensor') {
    throw new Error(`samples/two_layer_net.py was not read as code with arrays`);
  }
  return {
    kind: 'tensor',
    name: 'two-layer-net-arrays',
    inspection: {
      uri: 'file:///work/two_layer_net.py',
      fileName: 'two_layer_net.py',
      lineOffset: 0,
      outputChosen: false,
      request: {
        selection: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
        values: {},
      },
      result: tensorPanelResult(outcome.result),
    },
  };
}

/** CS231n's vectorized softmax loss (samples/softmax_classifier.py), with arrays. */
async function tensorSoftmax(): Promise<ReadabilityCase> {
  return {
    kind: 'tensor',
    name: 'softmax-arrays',
    inspection: await samplePanel('softmax_classifier.py'),
  };
}

export async function readabilityCases(): Promise<ReadabilityCase[]> {
  return Promise.all([
    tensorTwoLayerNet(),
    tensorSoftmax(),
    pythonCase('sigmoid-neuron', SIGMOID_NEURON, 'f = '),
    pythonCase('dense-layer', denseLayerSource(), 'h0 = '),
    pythonCase('two-layer-net', twoLayerNetSource(), 'h0 = '),
    randomDagCase(),
  ]);
}
