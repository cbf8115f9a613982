/**
 * Short names for nodes as they appear in formulas and steps: a node's own name, else its
 * expression over its operands' labels while that stays short, else `#id`.
 */
import { formatNumber } from './format';
import type { Graph, GraphNode } from './ir';
import { call, num, variable, type Sym } from './sym';
import { toText } from './symbolic/print';
import { assertNever } from './assertNever';

const MAX_LABEL_LENGTH = 32;
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

export interface Labels {
  /** Each node's label as a symbolic expression, for building formulas. */
  readonly syms: readonly Sym[];
  readonly texts: readonly string[];
}

export function nodeLabels(graph: Graph): Labels {
  const syms: Sym[] = [];
  const texts: string[] = [];
  for (const node of graph.nodes) {
    const sym = labelSym(node, syms);
    const text = toText(sym);
    if (text.length > MAX_LABEL_LENGTH) {
      syms.push(variable(`#${node.id}`));
      texts.push(`#${node.id}`);
    } else {
      syms.push(sym);
      texts.push(text);
    }
  }
  return { syms, texts };
}

/** `q`, or `q₂` for the second version of a reassigned name. */
export function displayName(name: string, version: number | undefined): string {
  if (version === undefined || version <= 1) {
    return name;
  }
  const digits = [...String(version)].map((digit) => SUBSCRIPT_DIGITS[Number(digit)] ?? digit);
  return `${name}${digits.join('')}`;
}

function labelSym(node: GraphNode, done: readonly Sym[]): Sym {
  if (node.name !== undefined) {
    return variable(displayName(node.name, node.version));
  }
  switch (node.kind) {
    case 'input':
      return variable(node.name);
    case 'constant':
      return node.text !== undefined && !/^[-+]?[\d.]/.test(node.text)
        ? variable(node.text)
        : num(node.value);
    case 'op':
      return call(node.op, ...node.operands.map((operand) => done[operand] ?? variable('?')));
    default: {
      return assertNever(node, 'node');
    }
  }
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
