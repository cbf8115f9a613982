/**
 * Short names for nodes as they appear in formulas and steps: a node's own name, else its
 * expression over its operands' labels while that stays short, else `#id`. The formulas of the
 * local partials are printed over the same labels, so both come from one pass.
 */
import { formatNumber } from './format';
import type { Graph, GraphNode, OpNode } from './ir';
import { partialTemplates } from './partialFormulas';
import { fillIn, placeholders, shapeKey, templateOf, type Template } from './printTemplates';
import { call, num } from './sym';
import { toTextPrinted, type Printed } from './symbolic/print';
import { assertNever } from './assertNever';

const MAX_LABEL_LENGTH = 32;
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const UNKNOWN: OperandLabel = { text: '?', precedence: Infinity, leadingMinus: false };

/** A node's label as an operand of a formula: its text, and the number when it is one. */
export interface OperandLabel {
  readonly text: string;
  /** How tightly the text holds together (see print.ts), for the parentheses around it. */
  readonly precedence: number;
  readonly leadingMinus: boolean;
  /** Set when the label is a number (a constant written as digits). */
  readonly value?: number;
}

export interface Labels {
  readonly texts: readonly string[];
  /** Each node's label as an operand, by id. */
  readonly operands: readonly OperandLabel[];
  /**
   * Per op node that depends on an input, the formula of each local partial by operand index
   * (`z`, `σ(x)·(1 − σ(x))`); the other nodes have no partials.
   */
  readonly formulas: readonly (readonly string[] | undefined)[];
}

/**
 * Every label, printed once from its operands' printed labels (never a whole expression): a
 * label too long for its operands' texts alone is `#id` without being printed. `varies` marks
 * the nodes whose partials get formulas.
 */
export function nodeLabels(graph: Graph, varies: Uint8Array): Labels {
  const size = graph.nodes.length;
  const texts: string[] = new Array<string>(size);
  const operands: OperandLabel[] = new Array<OperandLabel>(size);
  const formulas: (readonly string[] | undefined)[] = new Array<undefined>(size);
  for (const node of graph.nodes) {
    const label = labelOf(node, operands, varies, formulas);
    operands[node.id] = label;
    texts[node.id] = label.text;
  }
  return { texts, operands, formulas };
}

/** `q`, or `q₂` for the second version of a reassigned name. */
export function displayName(name: string, version: number | undefined): string {
  if (version === undefined || version <= 1) {
    return name;
  }
  const digits = [...String(version)].map((digit) => SUBSCRIPT_DIGITS[Number(digit)] ?? digit);
  return `${name}${digits.join('')}`;
}

function labelOf(
  node: GraphNode,
  done: readonly OperandLabel[],
  varies: Uint8Array,
  formulas: (readonly string[] | undefined)[],
): OperandLabel {
  switch (node.kind) {
    case 'input':
      return atom(displayName(node.name, node.version));
    case 'constant':
      if (node.name !== undefined) {
        return atom(displayName(node.name, node.version));
      }
      return node.text !== undefined && !/^[-+]?[\d.]/.test(node.text)
        ? atom(node.text)
        : numberLabel(node.value);
    case 'op':
      return opTexts(node, done, varies[node.id] === 1, formulas);
    default: {
      return assertNever(node, 'node');
    }
  }
}

function atom(text: string): OperandLabel {
  return { text, precedence: Infinity, leadingMinus: false };
}

function numberLabel(value: number): OperandLabel {
  const printed = toTextPrinted(num(value));
  return { ...printedLabel(printed), value };
}

function printedLabel(printed: Printed): OperandLabel {
  return {
    text: printed.text,
    precedence: printed.precedence,
    leadingMinus: printed.leadingMinus ?? printed.text.startsWith('\u2212'),
  };
}

/** Label shapes are few (ops × numbers × precedences); this only bounds a pathological mix. */
const MAX_SHAPES = 10_000;
const shapes = new Map<string, Template>();

/** The operands' labels and the distinct ones among them, reused from node to node. */
const operandLabels: OperandLabel[] = [];
const distinctLabels: OperandLabel[] = [];

/**
 * The op node's label, and its partials' formulas into `formulas` when `withFormulas`: the
 * operands' shape key is made once for both (see printTemplates.ts).
 */
function opTexts(
  node: OpNode,
  done: readonly OperandLabel[],
  withFormulas: boolean,
  formulas: (readonly string[] | undefined)[],
): OperandLabel {
  let length = 0;
  const operands = operandLabels;
  operands.length = 0;
  for (const operand of node.operands) {
    const label = done[operand] ?? UNKNOWN;
    length += label.text.length;
    operands.push(label);
  }
  const named = node.name !== undefined;
  const short = !named && length <= MAX_LABEL_LENGTH;
  if (!withFormulas && !short) {
    return named ? atom(displayName(node.name, node.version)) : atom(`#${node.id}`);
  }
  const distinct = distinctLabels;
  distinct.length = 0;
  const key = node.op + shapeKey(operands, distinct);
  if (withFormulas) {
    const texts: string[] = [];
    for (const template of partialTemplates(node.op, key, operands, distinct)) {
      texts.push(fillIn(template, distinct));
    }
    formulas[node.id] = texts;
  }
  if (named) {
    return atom(displayName(node.name, node.version));
  }
  return short ? opLabel(node, key, operands, distinct) : atom(`#${node.id}`);
}

/**
 * The op over its operands' labels, or `#id` when that is longer than a label may be. Printed
 * once per shape of operands (printTemplates.ts), then filled in.
 */
function opLabel(
  node: OpNode,
  key: string,
  operands: readonly OperandLabel[],
  distinct: readonly OperandLabel[],
): OperandLabel {
  let template = shapes.get(key);
  if (template === undefined) {
    template = templateOf(call(node.op, ...placeholders(operands, distinct)), distinct);
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
    }
    shapes.set(key, template);
  }
  const text = fillIn(template, distinct);
  return text.length > MAX_LABEL_LENGTH
    ? atom(`#${node.id}`)
    : { text, precedence: template.precedence, leadingMinus: template.leadingMinus };
}

/** The glyph drawn for a node: its op symbol, its name, or its value. */
export function nodeSymbol(
  node: GraphNode,
  opSymbol: (op: GraphNode & { kind: 'op' }) => string,
): string {
  switch (node.kind) {
    case 'input':
      return node.name;
    case 'constant':
      return node.text ?? formatNumber(node.value);
    case 'op':
      return opSymbol(node);
    default: {
      return assertNever(node, 'node');
    }
  }
}
