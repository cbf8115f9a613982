/**
 * Short names for nodes as they appear in formulas and steps: a node's own name, else its
 * expression over its operands' labels while that stays short, else `#id`.
 */
import { formatNumber } from './format';
import type { Graph, GraphNode } from './ir';
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
}

/**
 * Every label, printed once from its operands' printed labels (never a whole expression): a
 * label too long for its operands' texts alone is `#id` without being printed.
 */
export function nodeLabels(graph: Graph): Labels {
  const texts: string[] = new Array<string>(graph.nodes.length);
  const operands: OperandLabel[] = new Array<OperandLabel>(graph.nodes.length);
  for (const node of graph.nodes) {
    const label = labelOf(node, operands);
    operands[node.id] = label;
    texts[node.id] = label.text;
  }
  return { texts, operands };
}

/** `q`, or `q₂` for the second version of a reassigned name. */
export function displayName(name: string, version: number | undefined): string {
  if (version === undefined || version <= 1) {
    return name;
  }
  const digits = [...String(version)].map((digit) => SUBSCRIPT_DIGITS[Number(digit)] ?? digit);
  return `${name}${digits.join('')}`;
}

function labelOf(node: GraphNode, done: readonly OperandLabel[]): OperandLabel {
  if (node.name !== undefined) {
    return atom(displayName(node.name, node.version));
  }
  switch (node.kind) {
    case 'input':
      return atom(node.name);
    case 'constant':
      return node.text !== undefined && !/^[-+]?[\d.]/.test(node.text)
        ? atom(node.text)
        : numberLabel(node.value);
    case 'op':
      return opLabel(node, done);
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

/**
 * The op over its operands' labels, or `#id` when that is longer than a label may be. Printed
 * once per shape of operands (printTemplates.ts), then filled in.
 */
function opLabel(node: GraphNode & { kind: 'op' }, done: readonly OperandLabel[]): OperandLabel {
  let length = 0;
  const operands: OperandLabel[] = [];
  for (const operand of node.operands) {
    const label = done[operand] ?? UNKNOWN;
    length += label.text.length;
    operands.push(label);
  }
  if (length > MAX_LABEL_LENGTH) {
    return atom(`#${node.id}`);
  }
  const distinct: OperandLabel[] = [];
  const key = node.op + shapeKey(operands, distinct);
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
