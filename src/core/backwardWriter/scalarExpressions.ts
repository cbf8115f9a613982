/**
 * The forward values of a scalar graph as code the backward pass can read: a node's own name
 * where the code gave it one (and it still holds that value), else its expression rebuilt from
 * its operands in the file's language.
 */
import type { Graph, GraphNode } from '../../engine/ir';
import { arithmeticText, numberText } from './codeText';
import type { CodeDialect } from './codeDialect';

export type Rendered =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly node: GraphNode };

export class ScalarExpressions {
  private readonly latestVersion = new Map<string, number>();

  constructor(
    private readonly graph: Graph,
    private readonly dialect: CodeDialect,
  ) {
    for (const node of graph.nodes) {
      if (node.name !== undefined) {
        const version = node.version ?? 1;
        this.latestVersion.set(
          node.name,
          Math.max(version, this.latestVersion.get(node.name) ?? 0),
        );
      }
    }
  }

  /** The name still holds this node's value where the backward pass is written. */
  holdsValue(node: GraphNode): boolean {
    return node.name !== undefined && (node.version ?? 1) === this.latestVersion.get(node.name);
  }

  render(id: number): Rendered {
    const node = this.node(id);
    if (node.kind === 'constant') {
      return { ok: true, text: constantText(node.value, node.text) };
    }
    if (this.holdsValue(node)) {
      return { ok: true, text: node.name ?? '' };
    }
    if (node.kind === 'input') {
      return { ok: false, node };
    }
    const operands: string[] = [];
    for (const operand of node.operands) {
      const rendered = this.render(operand);
      if (!rendered.ok) {
        return rendered;
      }
      operands.push(rendered.text);
    }
    const text = this.opText(node.op, operands);
    return text === undefined ? { ok: false, node } : { ok: true, text };
  }

  node(id: number): GraphNode {
    const node = this.graph.nodes[id];
    if (node === undefined) {
      throw new RangeError(`no node ${id}`);
    }
    return node;
  }

  private opText(op: string, [a = '', b = '']: readonly string[]): string | undefined {
    const arithmetic = arithmeticText(op, a, b);
    if (arithmetic !== undefined) {
      return arithmetic;
    }
    switch (op) {
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'sin':
      case 'cos':
      case 'tanh':
        return this.dialect.call(op, a);
      default:
        return undefined;
    }
  }
}

/** The constant as the code wrote it (`1.0`) when that is a plain number, else its value. */
function constantText(value: number, text: string | undefined): string {
  const written = text?.trim();
  if (
    written !== undefined &&
    /^\d+(?:\.\d*)?(?:e[-+]?\d+)?$/i.test(written) &&
    Number(written) === value
  ) {
    return written;
  }
  return numberText(value);
}
