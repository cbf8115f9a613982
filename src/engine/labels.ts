/**
 * Short names for nodes as they appear in formulas and steps: a node's own name, else its
 * expression over its operands' labels while that stays short, else `#id`.
 */
import { formatNumber } from './format';
import type { Graph, GraphNode } from './ir';
import { call, num, variable, type Sym } from './sym';
import { toTextPrinted, type Printed } from './symbolic/print';
import { assertNever } from './assertNever';

const MAX_LABEL_LENGTH = 32;
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const NAME: Printed = { text: '', precedence: Infinity };

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

/** The op over its operands' labels, or `#id` when that is longer than a label may be. */
function opLabel(node: GraphNode & { kind: 'op' }, done: readonly OperandLabel[]): OperandLabel {
  let length = 0;
  const args: Sym[] = [];
  for (const operand of node.operands) {
    const label = done[operand];
    length += label?.text.length ?? MAX_LABEL_LENGTH;
    args.push(label?.value === undefined ? variable(String(operand)) : num(label.value));
  }
  if (length > MAX_LABEL_LENGTH) {
    return atom(`#${node.id}`);
  }
  const printed = toTextPrinted(call(node.op, ...args), (name) => operandPrinted(done, name));
  return printed.text.length > MAX_LABEL_LENGTH ? atom(`#${node.id}`) : printedLabel(printed);
}

function operandPrinted(done: readonly OperandLabel[], id: string): Printed {
  const label = done[Number(id)];
  return label === undefined
    ? NAME
    : { text: label.text, precedence: label.precedence, leadingMinus: label.leadingMinus };
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
