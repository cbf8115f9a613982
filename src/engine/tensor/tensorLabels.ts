/**
 * How tensor nodes are written in formulas and steps: a node's own name, else its expression
 * over its operands' labels (`(X @ W)`, `Σ(p, axis=1)`, `X @ W + b`), cut with `…` when it
 * grows long, and the glyph drawn for it in the graph.
 */
import { assertNever } from '../assertNever';
import { formatNumber } from '../format';
import { displayName } from '../labels';
import { call, variable, type Sym } from '../sym';
import { toText } from '../symbolic/print';
import { tensorOpRecord } from './ops';
import { transposed } from './ops/matmul';
import { axesText } from './ops/reductions';
import { shapeText, sizeOf } from './shape';
import type { TensorGraph, TensorNode, TensorOpNode } from './tensorIr';

const MAX_LABEL_LENGTH = 40;

export interface TensorLabels {
  readonly texts: readonly string[];
  /**
   * The texts as one word each, for formulas: in parentheses unless already one (`(pred − y)`,
   * so that `∂L/∂(pred − y)` and `1/(1 − p)` read right).
   */
  readonly words: readonly string[];
  readonly symbols: readonly string[];
}

export function tensorLabels(graph: TensorGraph): TensorLabels {
  // Elementwise ops keep a symbolic label, so that `X @ W + b` is printed with the catalogue's
  // precedence; any other node enters an expression as one word.
  const syms: Sym[] = [];
  const texts: string[] = [];
  for (const node of graph.nodes) {
    const sym = labelSym(node, syms, texts);
    const full = toText(sym);
    const text = shortened(full);
    texts.push(text);
    syms.push(text === full ? sym : variable(text));
  }
  return { texts, words: texts.map(asWord), symbols: graph.nodes.map(symbolOf) };
}

/** Characters that join two terms when they stand outside every bracket. */
const JOINING = new Set([
  ' ',
  '+',
  '−',
  '-',
  '*',
  '/',
  '·',
  '^',
  '@',
  '<',
  '>',
  '=',
  '!',
  '⊙',
  '%',
]);

/** `text` itself when nothing joins terms outside its brackets, else `(text)`. */
export function asWord(text: string): string {
  let depth = 0;
  for (const char of text) {
    if (char === '(' || char === '[') {
      depth += 1;
    } else if (char === ')' || char === ']') {
      depth -= 1;
    } else if (depth === 0 && JOINING.has(char)) {
      return `(${text})`;
    }
  }
  return text;
}

function shortened(text: string): string {
  return text.length > MAX_LABEL_LENGTH ? `${text.slice(0, MAX_LABEL_LENGTH - 1)}…` : text;
}

function labelSym(node: TensorNode, syms: readonly Sym[], texts: readonly string[]): Sym {
  if (node.name !== undefined) {
    return variable(displayName(node.name, node.version));
  }
  switch (node.kind) {
    case 'input':
      return variable(node.name);
    case 'constant':
      // Written as one word: a constant computed from others (`1 - y`) enters formulas whole.
      return variable(asWord(constantText(node.id, node.text, node.value.data)));
    case 'op':
      if (node.op.kind === 'elementwise') {
        return call(node.op.op, ...node.operands.map((operand) => syms[operand] ?? variable('?')));
      }
      return variable(
        opText(
          node,
          node.operands.map((operand) => texts[operand] ?? '?'),
        ),
      );
    default:
      return assertNever(node, 'tensor node');
  }
}

function constantText(id: number, text: string | undefined, data: Float64Array): string {
  if (text !== undefined) {
    return text;
  }
  return data.length === 1 ? formatNumber(data[0] ?? NaN) : `#${id}`;
}

/** The expression of a node that is not elementwise, over its operands' labels. */
function opText(node: TensorOpNode, operands: readonly string[]): string {
  const op = node.op;
  const [a = '?', b = '?'] = operands;
  const all = operands.join(', ');
  switch (op.kind) {
    case 'elementwise':
      return `${op.op}(${all})`;
    case 'compare':
      return `(${a} ${op.operator} ${b})`;
    case 'where':
      return `where(${all})`;
    case 'matmul':
      return `(${a} @ ${b})`;
    case 'sum':
    case 'mean':
    case 'max':
    case 'min':
    case 'prod':
    case 'logsumexp':
    case 'norm': {
      const name = op.kind === 'sum' ? 'Σ' : op.kind;
      const axes = axesText(op.axes, op.keepdims);
      return `${name}(${a}${axes === '' ? '' : `, ${axes}`})`;
    }
    case 'reshape':
      return `reshape(${a}, ${shapeText(op.shape)})`;
    case 'transpose':
      return op.axes.length === 2 && op.axes[0] === 1
        ? transposed(a)
        : `transpose(${a}, (${op.axes.join(', ')}))`;
    case 'broadcast_to':
      return `broadcast_to(${a}, ${shapeText(op.shape)})`;
    case 'concat':
      return `concat(${all}, axis=${op.axis})`;
    case 'stack':
      return `stack(${all}, axis=${op.axis})`;
    case 'gather':
      return `${a}${op.text}`;
    case 'softmax':
    case 'log_softmax':
      return `${op.kind}(${a}, axis=${op.axis})`;
    case 'cross_entropy':
    case 'nll_loss':
    case 'mse_loss':
    case 'l1_loss':
    case 'binary_cross_entropy':
    case 'bce_with_logits':
      return `${op.kind}(${all})`;
    default:
      return assertNever(op, 'tensor op');
  }
}

function symbolOf(node: TensorNode): string {
  switch (node.kind) {
    case 'input':
      return node.name;
    case 'constant':
      return (
        node.text ??
        (sizeOf(node.shape) === 1 ? formatNumber(node.value.data[0] ?? NaN) : shapeText(node.shape))
      );
    case 'op':
      return tensorOpRecord(node.op).symbol(node.op);
    default:
      return assertNever(node, 'tensor node');
  }
}
