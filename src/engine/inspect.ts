/**
 * Assembles the inspection result from the passes: forward values, the step-recording
 * backward sweep (or the tape when steps are not wanted), local partials with formulas, gate
 * patterns, kinks, the first non-finite value, symbolic derivatives and the gradient check.
 */
import { backward, markReaching, varyingNodes, type BackwardPass } from './backward';
import { formatNumber } from './format';
import { evaluate } from './forward';
import { gradientCheck } from './gradCheck';
import { assertInvariants, invariantsCheckedEverywhere } from './invariants';
import { inputKey, type Graph, type GraphNode, type OpNode } from './ir';
import { nodeLabels, nodeSymbol, type Labels } from './labels';
import { opSpec } from './ops';
import { partialFormulaTexts as formulaTexts } from './partialFormulas';
import { setOwn } from './records';
import type { GatePattern } from './opSpec';
import type {
  BackwardStep,
  InputView,
  InspectionResult,
  LocalPartial,
  NodeView,
  NonFiniteReport,
  SymbolicDerivative,
  UnusedInput,
} from './result';
import { symbolicGradients } from './symbolic/differentiate';
import { toLatex, toText } from './symbolic/print';
import { compileTape, runBackward, runForward } from './tape';

export interface InspectOptions {
  /** The node to differentiate; default the graph's output. */
  readonly output?: number;
  /** Record every chain-rule step (default true). Off uses the typed-array tape. */
  readonly steps?: boolean;
  /** Run the central-difference gradient check (default false). */
  readonly check?: boolean;
  /** Symbolic derivatives are skipped above this many nodes (default 2,000). */
  readonly maxSymbolicNodes?: number;
  /**
   * Check the result's invariants (src/engine/invariants.ts) and throw an `InvariantViolation`
   * listing the broken ones; default: whether `checkInvariantsEverywhere` is on.
   */
  readonly checkInvariants?: boolean;
}

const DEFAULT_MAX_SYMBOLIC_NODES = 2000;

export function inspectGraph(
  graph: Graph,
  values: Readonly<Record<string, number>>,
  options: InspectOptions = {},
): InspectionResult {
  const output = options.output ?? graph.output;
  const forward = evaluate(graph, values);
  const labels = nodeLabels(graph);
  const varies = varyingNodes(graph);
  const pass = options.steps === false ? undefined : backward(graph, forward, output, varies);
  const grads = pass?.grads ?? gradientsFromTape(graph, values, output);
  const reaches = pass?.reaches ?? markReaching(graph, output, varies);
  const uses = usesOf(graph);
  const marks = { reaches, varies, uses };
  const nodes = graph.nodes.map((node) => nodeView(node, forward, grads, marks, labels, pass));
  const inputs = inputViews(graph, forward, nodes, output, options);
  const gradsByName: Record<string, number> = {};
  for (const input of inputs.views) {
    setOwn(gradsByName, input.name, input.grad);
  }
  const outputNode = graph.nodes[output];
  const value = forward[output] ?? NaN;
  const firstNonFinite = findFirstNonFinite(graph, forward, labels, output);
  const check = options.check
    ? gradientCheck(graph, values, gradsByName, {
        output,
        labelOf: (id) => `${labels.texts[id] ?? `#${id}`}`,
      })
    : undefined;
  const result: InspectionResult = {
    output: { id: output, name: outputName(graph, outputNode, labels, output), value },
    value,
    grads: gradsByName,
    inputs: inputs.views,
    unused: inputs.unused,
    nodes,
    steps: pass === undefined ? [] : stepsOf(pass, labels, graph),
    ...(firstNonFinite === undefined ? {} : { firstNonFinite }),
    ...(check === undefined ? {} : { check }),
    ...(inputs.symbolicSkipped === undefined ? {} : { symbolicSkipped: inputs.symbolicSkipped }),
    ...(graph.groups === undefined || graph.groups.length === 0 ? {} : { groups: graph.groups }),
  };
  if (options.checkInvariants ?? invariantsCheckedEverywhere()) {
    assertInvariants(graph, result);
  }
  return result;
}

/** The code's unnamed result is `f`; an unnamed node chosen as the output is its expression. */
function outputName(
  graph: Graph,
  node: GraphNode | undefined,
  labels: Labels,
  output: number,
): string {
  if (node?.name !== undefined) {
    return labels.texts[output] ?? node.name;
  }
  return output === graph.output ? 'f' : (labels.texts[output] ?? 'f');
}

function gradientsFromTape(
  graph: Graph,
  values: Readonly<Record<string, number>>,
  output: number,
): Float64Array {
  const tape = compileTape(graph);
  runForward(
    tape,
    tape.inputNames.map((name) => values[name] ?? NaN),
  );
  return runBackward(tape, output);
}

function usesOf(graph: Graph): Int32Array {
  const uses = new Int32Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind === 'op') {
      for (const operand of node.operands) {
        uses[operand] = (uses[operand] ?? 0) + 1;
      }
    }
  }
  return uses;
}

/** Per node: receives a gradient, depends on an input, how many nodes use it. */
interface NodeMarks {
  readonly reaches: Uint8Array;
  readonly varies: Uint8Array;
  readonly uses: Int32Array;
}

function nodeView(
  node: GraphNode,
  forward: Float64Array,
  grads: Float64Array,
  marks: NodeMarks,
  labels: Labels,
  pass: BackwardPass | undefined,
): NodeView {
  const useCount = marks.uses[node.id] ?? 0;
  const reached = marks.reaches[node.id] === 1;
  // Built field by field, in the order the JSON output shows them: spreading conditional
  // objects made this the costliest line of an inspection of a big graph.
  const view: Writable<Partial<NodeView>> = {
    id: node.id,
    kind: node.kind,
    symbol: nodeSymbol(node, (op) => opSpec(op.op).symbol),
    label: labels.texts[node.id] ?? `#${node.id}`,
    operands: node.kind === 'op' ? node.operands : [],
    value: forward[node.id] ?? NaN,
    uses: useCount,
  };
  if (reached) {
    view.grad = grads[node.id] ?? NaN;
  }
  if (node.name !== undefined) {
    view.name = node.name;
  }
  if (node.version !== undefined) {
    view.version = node.version;
  }
  if (node.note !== undefined) {
    view.note = node.note;
  }
  if (node.range !== undefined) {
    view.range = node.range;
  }
  if (node.group !== undefined) {
    view.group = node.group;
  }
  if (node.kind !== 'op') {
    view.partials = [];
    view.gates = useCount > 1 ? ['adder'] : [];
    return view as NodeView;
  }
  const spec = opSpec(node.op);
  const args = node.operands.map((operand) => forward[operand] ?? NaN);
  const values = pass?.partials[node.id] ?? spec.partials(args, forward[node.id] ?? NaN);
  const kink = spec.kink?.(args);
  view.op = node.op;
  view.partials = localPartials(node, values, labels, marks.varies);
  view.gates = gatesOf(spec.gate, useCount);
  if (kink !== undefined) {
    view.kink = kink;
  }
  if (spec.zeroGradient) {
    view.zeroGradient = true;
  }
  // Every field NodeView requires is set above.
  return view as NodeView;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function gatesOf(gate: GatePattern | undefined, uses: number): GatePattern[] {
  const gates: GatePattern[] = gate === undefined ? [] : [gate];
  if (uses > 1) {
    gates.push('adder');
  }
  return gates;
}

/** The partials with respect to operands that depend on an input: a constant has none. */
function localPartials(
  node: OpNode,
  values: readonly number[],
  labels: Labels,
  varies: Uint8Array,
): LocalPartial[] {
  const formulas = partialFormulaTexts(node, labels);
  const partials: LocalPartial[] = [];
  node.operands.forEach((operand, i) => {
    if (varies[operand] === 1) {
      partials.push({ operand: i, value: values[i] ?? NaN, formula: formulas[i] ?? '?' });
    }
  });
  return partials;
}

/** Each node's partial formulas, kept for this inspection: the node view and steps share them. */
const formulaCache = new WeakMap<Labels, (readonly string[] | undefined)[]>();

function partialFormulaTexts(node: OpNode, labels: Labels): readonly string[] {
  let cache = formulaCache.get(labels);
  if (cache === undefined) {
    cache = [];
    formulaCache.set(labels, cache);
  }
  const cached = cache[node.id];
  if (cached !== undefined) {
    return cached;
  }
  const operands = node.operands.map((operand) => labels.syms[operand] ?? labels.syms[0]!);
  const texts = formulaTexts(node.op, operands);
  cache[node.id] = texts;
  return texts;
}

/** The seed, then each edge; none at all when the output depends on no input (no gradient). */
function stepsOf(pass: BackwardPass, labels: Labels, graph: Graph): BackwardStep[] {
  if (pass.reaches[pass.output] !== 1) {
    return [];
  }
  const steps: BackwardStep[] = [{ kind: 'seed', index: 0, node: pass.output, grad: 1 }];
  for (const edge of pass.edges) {
    const node = graph.nodes[edge.from] as OpNode;
    steps.push({
      kind: 'edge',
      index: steps.length,
      ...edge,
      localFormula: partialFormulaTexts(node, labels)[edge.operandIndex] ?? '?',
    });
  }
  return steps;
}

interface InputViews {
  readonly views: InputView[];
  readonly unused: UnusedInput[];
  readonly symbolicSkipped?: string;
}

function inputViews(
  graph: Graph,
  forward: Float64Array,
  nodes: readonly NodeView[],
  output: number,
  options: InspectOptions,
): InputViews {
  const limit = options.maxSymbolicNodes ?? DEFAULT_MAX_SYMBOLIC_NODES;
  const tooLarge = graph.nodes.length > limit;
  const symbolic = tooLarge ? undefined : symbolicGradients(graph, output);
  const views: InputView[] = [];
  const unused: UnusedInput[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const grad = nodes[node.id]?.grad;
    if (grad === undefined) {
      unused.push({
        id: node.id,
        name: inputKey(node),
        value: forward[node.id] ?? NaN,
        ...(node.range === undefined ? {} : { range: node.range }),
      });
      continue;
    }
    const derivative = symbolic?.get(node.id);
    const sym: SymbolicDerivative | undefined =
      derivative === undefined
        ? undefined
        : { text: toText(derivative), latex: toLatex(derivative) };
    views.push({
      id: node.id,
      name: inputKey(node),
      value: forward[node.id] ?? NaN,
      grad,
      ...(sym === undefined ? {} : { symbolic: sym }),
      ...(node.range === undefined ? {} : { range: node.range }),
    });
  }
  if (!tooLarge) {
    return { views, unused };
  }
  return {
    views,
    unused,
    symbolicSkipped: `symbolic derivatives are shown for graphs of up to ${limit} nodes; this one has ${graph.nodes.length}`,
  };
}

function findFirstNonFinite(
  graph: Graph,
  forward: Float64Array,
  labels: Labels,
  output: number,
): NonFiniteReport | undefined {
  for (let id = 0; id <= output; id += 1) {
    const node = graph.nodes[id];
    const value = forward[id] ?? NaN;
    if (node === undefined || Number.isFinite(value)) {
      continue;
    }
    const label = labels.texts[id] ?? `#${id}`;
    return { node: id, message: nonFiniteMessage(node, value, label, forward) };
  }
  return undefined;
}

function nonFiniteMessage(
  node: GraphNode,
  value: number,
  label: string,
  forward: Float64Array,
): string {
  const shown = formatNumber(value);
  if (node.kind !== 'op') {
    return `${label} is ${shown}`;
  }
  const args = node.operands.map((operand) => formatNumber(forward[operand] ?? NaN)).join(', ');
  return `${label} is ${shown}: ${opSpec(node.op).symbol} of (${args})`;
}
