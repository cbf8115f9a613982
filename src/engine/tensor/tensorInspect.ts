/**
 * Inspecting a tensor graph: forward values of every node, gradients of the one-element output
 * with respect to every node that receives one, the recorded backward steps, node and input
 * views, the first non-finite element and, on request, the sparse gradient check.
 */
import { formatNumber } from '../format';
import { assertInvariantsOfTensors } from './tensorInvariants';
import { invariantsCheckedEverywhere } from '../invariants';
import { setOwn } from '../records';
import type { NonFiniteReport } from '../result';
import { tensorOpRecord } from './ops';
import { multiIndex } from './broadcast';
import { shapeText, sizeOf } from './shape';
import type { Tensor } from './tensor';
import { carriesGradient, tensorBackward, type TensorBackwardPass } from './tensorBackward';
import { tensorForward } from './tensorForward';
import { tensorGradientCheck } from './tensorGradCheck';
import { tensorInputKey, type TensorGraph, type TensorNode } from './tensorIr';
import { tensorLabels, type TensorLabels } from './tensorLabels';
import type {
  TensorInputView,
  TensorInspectionResult,
  TensorNodeView,
  TensorRule,
  TensorUnusedInput,
} from './tensorResult';

export interface TensorInspectOptions {
  /** The node to differentiate (one element); default the graph's output. */
  readonly output?: number;
  /** Record every backward step (default true). */
  readonly steps?: boolean;
  /** Run the sparse central-difference gradient check (default false). */
  readonly check?: boolean;
  /** Check the result's invariants; default: whether `checkInvariantsEverywhere` is on. */
  readonly checkInvariants?: boolean;
}

export function inspectTensorGraph(
  graph: TensorGraph,
  values: Readonly<Record<string, Tensor>>,
  options: TensorInspectOptions = {},
): TensorInspectionResult {
  const output = options.output ?? graph.output;
  const outputNode = graph.nodes[output];
  if (outputNode === undefined) {
    throw new RangeError(`no node ${output} to differentiate`);
  }
  if (sizeOf(outputNode.shape) !== 1) {
    throw new RangeError(
      `the differentiated output must hold one element; node ${output} has shape ${shapeText(outputNode.shape)}`,
    );
  }
  const forward = tensorForward(graph, values);
  const labels = tensorLabels(graph);
  const pass = tensorBackward(
    graph,
    forward,
    output,
    options.steps === false ? undefined : labels.words,
  );
  const nodes = nodeViews(graph, forward, pass, labels);
  const { inputs, unused, grads } = inputViews(graph, forward, pass);
  const value = forward[output]?.[0] ?? NaN;
  const firstNonFinite = findFirstNonFinite(graph, forward, labels, output);
  const check =
    options.check === true ? tensorGradientCheck(graph, values, grads, { output }) : undefined;
  const result: TensorInspectionResult = {
    kind: 'tensor',
    output: { id: output, name: outputName(graph, outputNode, labels, output), value },
    value,
    grads,
    inputs,
    unused,
    nodes,
    steps: pass.steps,
    ...(firstNonFinite === undefined ? {} : { firstNonFinite }),
    ...(check === undefined ? {} : { check }),
    ...(graph.groups === undefined || graph.groups.length === 0
      ? {}
      : { groups: [...graph.groups] }),
  };
  if (options.checkInvariants ?? invariantsCheckedEverywhere()) {
    assertInvariantsOfTensors(graph, result);
  }
  return result;
}

/** The code's unnamed result is `f`; an unnamed node chosen as the output is its expression. */
function outputName(
  graph: TensorGraph,
  node: TensorNode,
  labels: TensorLabels,
  output: number,
): string {
  if (node.name !== undefined) {
    return labels.texts[output] ?? node.name;
  }
  return output === graph.output ? 'f' : (labels.texts[output] ?? 'f');
}

function nodeViews(
  graph: TensorGraph,
  forward: readonly Float64Array[],
  pass: TensorBackwardPass,
  labels: TensorLabels,
): TensorNodeView[] {
  const uses = new Int32Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind === 'op') {
      node.operands.forEach((operand) => (uses[operand] = (uses[operand] ?? 0) + 1));
    }
  }
  return graph.nodes.map((node) => {
    const grad = pass.grads[node.id];
    const view: TensorNodeView = {
      id: node.id,
      kind: node.kind,
      ...(node.kind === 'op' ? { op: node.op } : {}),
      symbol: labels.symbols[node.id] ?? `#${node.id}`,
      label: labels.texts[node.id] ?? `#${node.id}`,
      ...(node.name === undefined ? {} : { name: node.name }),
      ...(node.version === undefined ? {} : { version: node.version }),
      operands: node.kind === 'op' ? node.operands : [],
      shape: node.shape,
      value: forward[node.id] ?? new Float64Array(0),
      ...(grad === undefined ? {} : { grad }),
      rules: rulesOf(graph, node, pass, labels),
      uses: uses[node.id] ?? 0,
      ...(node.note === undefined ? {} : { note: node.note }),
      ...(node.range === undefined ? {} : { range: node.range }),
      ...(node.group === undefined ? {} : { group: node.group }),
    };
    return view;
  });
}

/** The VJP rule of every operand a gradient flows to from this node. */
function rulesOf(
  graph: TensorGraph,
  node: TensorNode,
  pass: TensorBackwardPass,
  labels: TensorLabels,
): TensorRule[] {
  if (node.kind !== 'op' || pass.reaches[node.id] !== 1) {
    return [];
  }
  const record = tensorOpRecord(node.op);
  const names = node.operands.map((operand) => labels.words[operand] ?? `#${operand}`);
  const shapes = node.operands.map((operand) => graph.nodes[operand]?.shape ?? []);
  const rules: TensorRule[] = [];
  node.operands.forEach((operand, i) => {
    if (pass.reaches[operand] !== 1 || !carriesGradient(node, i)) {
      return;
    }
    const formula = record.formula(
      node.op,
      i,
      names,
      labels.words[node.id] ?? `#${node.id}`,
      shapes,
      node.shape,
    );
    rules.push({ operand: i, ...formula });
  });
  return rules;
}

interface InputLists {
  readonly inputs: TensorInputView[];
  readonly unused: TensorUnusedInput[];
  readonly grads: Record<string, Tensor>;
}

/** Inputs that receive a gradient, and the others (not used by the output, or only as a mask). */
function inputViews(
  graph: TensorGraph,
  forward: readonly Float64Array[],
  pass: TensorBackwardPass,
): InputLists {
  const inputs: TensorInputView[] = [];
  const unused: TensorUnusedInput[] = [];
  const grads: Record<string, Tensor> = {};
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const name = tensorInputKey(node);
    const value = forward[node.id] ?? new Float64Array(0);
    const range = node.range === undefined ? {} : { range: node.range };
    const grad = pass.grads[node.id];
    if (grad === undefined) {
      unused.push({ id: node.id, name, shape: node.shape, value, ...range });
      continue;
    }
    inputs.push({ id: node.id, name, shape: node.shape, value, grad, ...range });
    setOwn(grads, name, { shape: node.shape, data: grad });
  }
  return { inputs, unused, grads };
}

/** The first node, up to the output, with an element that is NaN or ±Infinity. */
function findFirstNonFinite(
  graph: TensorGraph,
  forward: readonly Float64Array[],
  labels: TensorLabels,
  output: number,
): NonFiniteReport | undefined {
  for (let id = 0; id <= output; id += 1) {
    const data = forward[id];
    const node = graph.nodes[id];
    if (data === undefined || node === undefined) {
      continue;
    }
    const at = firstNonFiniteIndex(data);
    if (at < 0) {
      continue;
    }
    const label = labels.texts[id] ?? `#${id}`;
    const where =
      node.shape.length === 0 ? label : `${label}[${multiIndex(at, node.shape).join(', ')}]`;
    const what =
      node.kind === 'op'
        ? `: ${tensorOpRecord(node.op).symbol(node.op)} of ${operandText(node.operands, labels)}`
        : '';
    return { node: id, message: `${where} is ${formatNumber(data[at] ?? NaN)}${what}` };
  }
  return undefined;
}

function operandText(operands: readonly number[], labels: TensorLabels): string {
  return `(${operands.map((operand) => labels.texts[operand] ?? `#${operand}`).join(', ')})`;
}

/** A plain loop: it runs over every element of every node. */
function firstNonFiniteIndex(data: Float64Array): number {
  for (let k = 0; k < data.length; k += 1) {
    const v = data[k]!;
    if (v - v !== 0) {
      return k;
    }
  }
  return -1;
}
