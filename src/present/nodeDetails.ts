/**
 * The text of a node's details in the graph panel: its op, value, gradient (or why it has
 * none: not used by the output, a constant, off the output's paths), local partials (formula
 * and value), gate pattern, kink and non-finite warnings, how it changes with each input
 * (forward mode), where it is in the source, and which actions apply. Pure: the webview only
 * puts these texts in elements.
 */
import { formatNumber } from '../engine/format';
import { displayName } from '../engine/labels';
import type { InputView, InspectionResult, NodeView, UnusedInput } from '../engine/result';
import { partialSymbol } from '../engine/stepText';
import { bindingName, bindingPartial, usedInput } from './bindingName';
import { computedFrom, forwardTangents } from './forwardTangents';
import { gradientPhrase, gradientStatus, statusContext } from './gradientStatus';

export interface DetailsContext {
  readonly result: InspectionResult;
  readonly precision: number;
  readonly fileName: string;
  readonly lineOffset: number;
  readonly outputChosen: boolean;
}

export interface NodeDetailsText {
  readonly id: number;
  /** The node's name as the details head it: the output's name, a binding's key, a label. */
  readonly name: string;
  /** Term and description: kind, binding (when keyed otherwise), value, gradient. */
  readonly rows: readonly (readonly [string, string])[];
  /** `∂q/∂x = 1`, one per operand. */
  readonly partials: readonly string[];
  /** `∂q/∂x = 1` per input (forward mode), the first few. */
  readonly forward: readonly string[];
  /** What each gate pattern does. */
  readonly gates: readonly string[];
  readonly warnings: readonly string[];
  /** `reference.py, line 4, columns 5–10`, when the node has a place in the source. */
  readonly source?: string;
  /** 'choose': make the node the output; 'reset': back to the code's own output. */
  readonly outputAction?: 'choose' | 'reset';
}

const GATES: Readonly<Record<string, string>> = {
  distributor: 'distributor (add): passes the gradient to every operand unchanged',
  'swap multiplier': 'swap multiplier (multiply): each operand gets the gradient × the other',
  router: 'router (max/min): sends the gradient to the operand that won',
  adder: 'adder (copy): used more than once, so its gradient is the sum of its uses',
};

/** Inputs listed by name in a node's forward-mode section; the rest are counted. */
const MAX_SENSITIVITIES = 6;

/** Forward-mode tangents per result and input, computed when a node's details first need them. */
const tangentCache = new WeakMap<InspectionResult, Map<number, number[]>>();

function tangentsOf(result: InspectionResult, input: number): number[] {
  let byInput = tangentCache.get(result);
  if (byInput === undefined) {
    byInput = new Map();
    tangentCache.set(result, byInput);
  }
  let tangents = byInput.get(input);
  if (tangents === undefined) {
    tangents = forwardTangents(result, input);
    byInput.set(input, tangents);
  }
  return tangents;
}

/**
 * `∂(x + y)/∂x = 1` for the first inputs: how the node moves when each input moves. Inputs the
 * output does not use follow where the node depends on them (an intermediate off the output's
 * path may): they are inputs of the code all the same.
 */
function sensitivities(result: InspectionResult, node: NodeView, precision: number): string[] {
  if (node.kind !== 'op') {
    return [];
  }
  const from = result.unused.length === 0 ? undefined : computedFrom(result, node.id);
  const candidates: (InputView | UnusedInput)[] = [
    ...result.inputs,
    ...result.unused.filter((input) => from?.[input.id] === 1),
  ];
  const lines = candidates.slice(0, MAX_SENSITIVITIES).map((input) => {
    const tangent = tangentsOf(result, input.id)[node.id] ?? 0;
    // A used binding named by its line when other bindings of its name are inputs too.
    const name = 'grad' in input ? bindingName(result, input) : input.name;
    return `${bindingPartial(node.label, name)} = ${formatNumber(tangent, { precision })}`;
  });
  const more = candidates.length - MAX_SENSITIVITIES;
  return more > 0 ? [...lines, `and ${more} more inputs`] : lines;
}

/** The details of node `id`, or undefined when there is no such node. */
export function nodeDetails(context: DetailsContext, id: number): NodeDetailsText | undefined {
  const node = context.result.nodes[id];
  return node === undefined ? undefined : detailsOf(context, node);
}

function detailsOf(context: DetailsContext, node: NodeView): NodeDetailsText {
  const { result } = context;
  const format = { precision: context.precision };
  const f = result.output.name;
  const isOutput = node.id === result.output.id;
  const status = gradientStatus(node, statusContext(result));
  // An unused input is named by its key (`x (line 1)`), as the inputs table lists it.
  const name = isOutput
    ? f
    : status.kind === 'unused'
      ? status.key
      : node.name === undefined
        ? node.label
        : displayName(node.name, node.version);
  const rows: [string, string][] = [
    ['kind', kindText(node)],
    ...bindingRow(result, node, name),
    ['value', `${name} = ${formatNumber(node.value, format)}`],
    ['gradient', gradientPhrase(status, f, node.label, format)],
  ];
  const partials = node.partials.map((partial) => {
    const operand = result.nodes[node.operands[partial.operand] ?? -1];
    const symbol = partialSymbol(node.label, operand?.label ?? '?');
    const value = formatNumber(partial.value, format);
    return partial.formula === value
      ? `${symbol} = ${value}`
      : `${symbol} = ${partial.formula} = ${value}`;
  });
  const warnings: string[] = [];
  if (node.kink !== undefined) {
    warnings.push(node.kink);
  }
  if (node.zeroGradient === true) {
    warnings.push('its local gradient is 0 almost everywhere');
  }
  if (result.firstNonFinite?.node === node.id) {
    warnings.push(result.firstNonFinite.message);
  } else if (!Number.isFinite(node.value)) {
    warnings.push(`its value is ${formatNumber(node.value, format)}`);
  }
  if (node.note !== undefined) {
    warnings.push(node.note);
  }
  const forward = sensitivities(result, node, context.precision);
  const source = sourceText(context, node);
  const outputAction = !isOutput ? 'choose' : context.outputChosen ? 'reset' : undefined;
  return {
    id: node.id,
    name,
    rows,
    partials,
    forward,
    gates: node.gates.map((gate) => GATES[gate] ?? gate),
    warnings,
    ...(source === undefined ? {} : { source }),
    ...(outputAction === undefined ? {} : { outputAction }),
  };
}

/** For a used input keyed otherwise than drawn (`x (line 4)` drawn `x₂`): the key too. */
function bindingRow(result: InspectionResult, node: NodeView, name: string): [string, string][] {
  const input = usedInput(result, node.id);
  if (input === undefined) {
    return [];
  }
  const binding = bindingName(result, input);
  return binding === name ? [] : [['binding', binding]];
}

function kindText(node: NodeView): string {
  switch (node.kind) {
    case 'input':
      return 'input';
    case 'constant':
      return `constant ${node.symbol}`;
    case 'op':
      return `operation ${node.op ?? ''} (${node.symbol})`;
  }
}

/** `reference.py, line 4, columns 5–10` (1-based, in the document's own lines). */
function sourceText(context: DetailsContext, node: NodeView): string | undefined {
  const range = node.range;
  if (range === undefined) {
    return undefined;
  }
  const line = range.start.line - context.lineOffset + 1;
  const endLine = range.end.line - context.lineOffset + 1;
  const first = range.start.column + 1;
  const where =
    line !== endLine
      ? `lines ${line}–${endLine}`
      : first >= range.end.column
        ? `line ${line}, column ${first}`
        : `line ${line}, columns ${first}–${range.end.column}`;
  return `${context.fileName}, ${where}`;
}
