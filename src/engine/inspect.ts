/**
 * Assembles the inspection result from the passes: forward values, the step-recording
 * backward sweep (or the tape when steps are not wanted), local partials with formulas, gate
 * patterns, kinks, the first non-finite value, symbolic derivatives and the gradient check.
 */
import { markReaching, sweep, varyingNodes } from './backward';
import { formatNumber } from './format';
import { evaluate } from './forward';
import { checkSample } from './checkSample';
import { gradientCheck } from './gradCheck';
import { assertInvariants, invariantsCheckedEverywhere } from './invariants';
import { inputKey, type Graph, type GraphNode, type OpNode } from './ir';
import { assertNever } from './assertNever';
import { nodeLabels, type Labels } from './labels';
import { opSpec } from './ops';
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
import {
  DEFAULT_MAX_SIZE,
  DEFAULT_MAX_WORK,
  symbolicDerivatives,
  type SymbolicLimit,
} from './symbolic/differentiate';
import { toLatex, toText } from './symbolic/print';
import { compileTape, runBackward, runForward } from './tape';

export interface InspectOptions {
  /** The node to differentiate; default the graph's output. */
  readonly output?: number;
  /** Record every chain-rule step (default true). Off uses the typed-array tape. */
  readonly steps?: boolean;
  /** Run the central-difference gradient check (default false). */
  readonly check?: boolean;
  /**
   * Symbolic derivatives are skipped above this many nodes (default: never; their size and
   * work are bounded whatever the graph, see symbolic/differentiate.ts).
   */
  readonly maxSymbolicNodes?: number;
  /**
   * Check the result's invariants (src/engine/invariants.ts) and throw an `InvariantViolation`
   * listing the broken ones; default: whether `checkInvariantsEverywhere` is on.
   */
  readonly checkInvariants?: boolean;
}

export function inspectGraph(
  graph: Graph,
  values: Readonly<Record<string, number>>,
  options: InspectOptions = {},
): InspectionResult {
  const output = options.output ?? graph.output;
  const forward = evaluate(graph, values);
  const varies = varyingNodes(graph);
  const labels = nodeLabels(graph, varies);
  const formulas = labels.formulas;
  const steps: BackwardStep[] = [];
  const pass =
    options.steps === false
      ? undefined
      : recordSteps(graph, forward, output, varies, formulas, steps);
  const grads = pass?.grads ?? gradientsFromTape(graph, values, output);
  const reaches = pass?.reaches ?? markReaching(graph, output, varies);
  const uses = usesOf(graph);
  const marks = { reaches, varies, uses };
  const partials = pass?.partials;
  const nodes: NodeView[] = new Array<NodeView>(graph.nodes.length);
  for (const node of graph.nodes) {
    nodes[node.id] = nodeView(node, forward, grads, marks, labels, formulas, partials?.[node.id]);
  }
  const inputs = inputViews(graph, forward, nodes, output, options);
  const gradsByName: Record<string, number> = {};
  for (const input of inputs.views) {
    setOwn(gradsByName, input.name, input.grad);
  }
  const outputNode = graph.nodes[output];
  const value = forward[output] ?? NaN;
  const firstNonFinite = findFirstNonFinite(graph, forward, labels, output);
  const sample = options.check ? checkSample(inputs.views.map((input) => input.name)) : undefined;
  const check =
    sample === undefined
      ? undefined
      : gradientCheck(graph, values, gradsByName, {
          output,
          labelOf: (id) => `${labels.texts[id] ?? `#${id}`}`,
          inputs: sample.inputs,
        });
  const result: InspectionResult = {
    output: { id: output, name: outputName(graph, outputNode, labels, output), value },
    value,
    grads: gradsByName,
    inputs: inputs.views,
    unused: inputs.unused,
    nodes,
    steps,
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

/** Per op node, the formula of each local partial (by operand index); shared by views and steps. */
type Formulas = Labels['formulas'];

/** The step-recording sweep, writing the seed and each edge's step into `steps`. */
function recordSteps(
  graph: Graph,
  forward: Float64Array,
  output: number,
  varies: Uint8Array,
  formulas: Formulas,
  steps: BackwardStep[],
): ReturnType<typeof sweep> {
  // The seed first; taken back below when the output depends on no input (no gradient at all).
  steps.push({ kind: 'seed', index: 0, node: output, grad: 1 });
  const pass = sweep(graph, forward, output, varies, (edge) => {
    steps.push({
      kind: 'edge',
      index: steps.length,
      from: edge.from,
      to: edge.to,
      operandIndex: edge.operandIndex,
      upstream: edge.upstream,
      local: edge.local,
      product: edge.product,
      accumulated: edge.accumulated,
      contribution: edge.contribution,
      contributions: edge.contributions,
      localFormula: formulas[edge.from]?.[edge.operandIndex] ?? '?',
    });
  });
  if (pass.reaches[output] !== 1) {
    steps.length = 0;
  }
  return pass;
}

const NO_NUMBERS: readonly number[] = [];
const NO_PARTIALS: readonly LocalPartial[] = [];
const NO_GATES: readonly GatePattern[] = [];
const ADDER: readonly GatePattern[] = ['adder'];
/** One shared list per gate pattern, alone or with the adder of a node used more than once. */
const GATES = new Map<GatePattern, readonly [readonly GatePattern[], readonly GatePattern[]]>();

function nodeView(
  node: GraphNode,
  forward: Float64Array,
  grads: Float64Array,
  marks: NodeMarks,
  labels: Labels,
  formulas: Formulas,
  partials: readonly number[] | undefined,
): NodeView {
  const id = node.id;
  const useCount = marks.uses[id] ?? 0;
  // Built field by field, in the order the JSON output shows them: spreading conditional
  // objects made this the costliest line of an inspection of a big graph.
  const view: Writable<Partial<NodeView>> = {
    id,
    kind: node.kind,
    symbol: symbolOf(node),
    label: labels.texts[id] ?? `#${id}`,
    operands: node.kind === 'op' ? node.operands : NO_NUMBERS,
    value: forward[id] ?? NaN,
    uses: useCount,
  };
  if (marks.reaches[id] === 1) {
    view.grad = grads[id] ?? NaN;
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
    view.partials = NO_PARTIALS;
    view.gates = useCount > 1 ? ADDER : NO_GATES;
    return view as NodeView;
  }
  const spec = opSpec(node.op);
  const args =
    partials === undefined || spec.kink !== undefined ? argsOf(node, forward) : undefined;
  const values = partials ?? spec.partials(args ?? [], forward[id] ?? NaN);
  const kink = args === undefined ? undefined : spec.kink?.(args);
  view.op = node.op;
  view.partials = localPartials(node, values, formulas[id], marks.varies);
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

function symbolOf(node: GraphNode): string {
  switch (node.kind) {
    case 'input':
      return node.name;
    case 'constant':
      return node.text ?? formatNumber(node.value);
    case 'op':
      return opSpec(node.op).symbol;
    default: {
      return assertNever(node, 'node');
    }
  }
}

function argsOf(node: OpNode, forward: Float64Array): number[] {
  const args: number[] = [];
  for (const operand of node.operands) {
    args.push(forward[operand] ?? NaN);
  }
  return args;
}

function gatesOf(gate: GatePattern | undefined, uses: number): readonly GatePattern[] {
  if (gate === undefined) {
    return uses > 1 ? ADDER : NO_GATES;
  }
  let lists = GATES.get(gate);
  if (lists === undefined) {
    lists = [[gate], [gate, 'adder']];
    GATES.set(gate, lists);
  }
  return lists[uses > 1 ? 1 : 0];
}

/** The partials with respect to operands that depend on an input: a constant has none. */
function localPartials(
  node: OpNode,
  values: readonly number[],
  formulas: readonly string[] | undefined,
  varies: Uint8Array,
): readonly LocalPartial[] {
  const partials: LocalPartial[] = [];
  const operands = node.operands;
  for (let i = 0; i < operands.length; i += 1) {
    if (varies[operands[i] ?? 0] === 1) {
      partials.push({ operand: i, value: values[i] ?? NaN, formula: formulas?.[i] ?? '?' });
    }
  }
  return partials.length === 0 ? NO_PARTIALS : partials;
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
  const limit = options.maxSymbolicNodes ?? Infinity;
  const tooLarge = graph.nodes.length > limit;
  const symbolic = tooLarge ? undefined : symbolicDerivatives(graph, output);
  const views: InputView[] = [];
  const unused: UnusedInput[] = [];
  const leftOut: string[] = [];
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
    const derivative = symbolic?.gradients.get(node.id);
    if (symbolic !== undefined && derivative === undefined) {
      leftOut.push(inputKey(node));
    }
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
  if (tooLarge) {
    return {
      views,
      unused,
      symbolicSkipped: `symbolic derivatives are shown for graphs of up to ${limit} nodes; this one has ${graph.nodes.length}`,
    };
  }
  const skipped = symbolic?.limit === undefined ? undefined : skippedNote(leftOut, symbolic.limit);
  return skipped === undefined ? { views, unused } : { views, unused, symbolicSkipped: skipped };
}

const LISTED_INPUTS = 5;

/** Which derivatives the symbolic budget left out, and which bound it was. */
function skippedNote(inputs: readonly string[], limit: SymbolicLimit): string | undefined {
  if (inputs.length === 0) {
    return undefined;
  }
  const listed = inputs.slice(0, LISTED_INPUTS).join(', ');
  const more = inputs.length > LISTED_INPUTS ? ` and ${inputs.length - LISTED_INPUTS} more` : '';
  const which = `the symbolic ${inputs.length === 1 ? 'derivative' : 'derivatives'} with respect to ${listed}${more}`;
  switch (limit) {
    case 'size':
      return `${which} would be longer than ${DEFAULT_MAX_SIZE} terms, too long to read: not shown`;
    case 'work':
      return `${which} would take more than ${DEFAULT_MAX_WORK.toLocaleString('en')} simplification steps to write out: not shown (the numbers are exact)`;
    default: {
      return assertNever(limit, 'symbolic limit');
    }
  }
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
