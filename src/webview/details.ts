/**
 * Node details, shown for the node under the pointer or with the focus, else the selected
 * one: its op, value, gradient (or why it has none: not used by the output, a constant, off
 * the output's paths), local partials (formula and value), gate pattern, kink and
 * non-finite warnings, how it changes with each input (forward mode), and where it is in the
 * source; buttons to show the source and to make it the output.
 */
import { formatNumber } from '../engine/format';
import { displayName } from '../engine/labels';
import type { InputView, InspectionResult, NodeView, UnusedInput } from '../engine/result';
import { partialSymbol } from '../engine/stepText';
import { bindingName, bindingPartial, usedInput } from '../present/bindingName';
import { computedFrom, forwardTangents } from '../present/forwardTangents';
import { gradientPhrase, gradientStatus, statusContext } from '../present/gradientStatus';
import { button, h } from './dom';

export interface DetailsEvents {
  readonly revealSource: (node: number) => void;
  readonly chooseOutput: (node: number | null) => void;
}

export interface DetailsContext {
  readonly result: InspectionResult;
  readonly precision: number;
  readonly fileName: string;
  readonly lineOffset: number;
  readonly outputChosen: boolean;
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

export class NodeDetails {
  readonly element: HTMLElement;

  constructor(private readonly events: DetailsEvents) {
    this.element = h('aside', {
      class: 'gl-details',
      attrs: { id: 'gl-details', 'aria-label': 'node details', 'aria-live': 'polite' },
    });
  }

  show(context: DetailsContext | undefined, id: number | null): void {
    const node = id === null ? undefined : context?.result.nodes[id];
    if (context === undefined || node === undefined) {
      this.element.replaceChildren(
        h('p', {
          class: 'gl-hint',
          text: 'Hover, focus (Tab) or click a node for its details; click selects its source.',
        }),
      );
      return;
    }
    this.element.replaceChildren(...this.content(context, node));
  }

  private content(context: DetailsContext, node: NodeView): Node[] {
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
    const actions: HTMLElement[] = [];
    if (node.range !== undefined) {
      actions.push(
        button('Show source', `select ${name} in the editor`, () =>
          this.events.revealSource(node.id),
        ),
      );
    }
    if (!isOutput) {
      actions.push(
        button(
          `Differentiate ${name}`,
          `make ${name} the output`,
          () => this.events.chooseOutput(node.id),
          { action: 'choose-output' },
        ),
      );
    } else if (context.outputChosen) {
      actions.push(
        button(
          "Back to the code's output",
          "differentiate the code's own output",
          () => this.events.chooseOutput(null),
          { action: 'reset-output' },
        ),
      );
    }
    const parts: (HTMLElement | false)[] = [
      h('h3', { text: name, attrs: { 'data-node': String(node.id) } }),
      h(
        'dl',
        {},
        rows.flatMap(([term, text]) => [h('dt', { text: term }), h('dd', { text })]),
      ),
      partials.length > 0 &&
        h('div', {}, [
          h('h4', { text: 'local gradients' }),
          h(
            'ul',
            { class: 'gl-partials' },
            partials.map((text) => h('li', { text })),
          ),
        ]),
      forward.length > 0 &&
        h('div', {}, [
          h('h4', { text: 'with respect to each input (forward mode)' }),
          h(
            'ul',
            { class: 'gl-sensitivities' },
            forward.map((text) => h('li', { text })),
          ),
        ]),
      node.gates.length > 0 &&
        h('div', {}, [
          h('h4', { text: 'gate' }),
          h(
            'ul',
            {},
            node.gates.map((gate) => h('li', { text: GATES[gate] ?? gate })),
          ),
        ]),
      warnings.length > 0 &&
        h(
          'ul',
          { class: 'gl-warnings', attrs: { role: 'note' } },
          warnings.map((text) => h('li', { text: `⚠ ${text}` })),
        ),
      source !== undefined && h('p', { class: 'gl-source', text: source }),
      actions.length > 0 && h('div', { class: 'gl-actions' }, actions),
    ];
    return parts.filter((item): item is HTMLElement => item !== false);
  }
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
