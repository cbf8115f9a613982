/**
 * A target's nodes in neutral form: one function (its parameters are the inputs, its return
 * value the output), or statements (functions defined among them are called by name), or one
 * expression.
 */
import type { Fragment } from './codeAst';
import type { DocumentReader } from './codeLanguage';
import type { Target } from './selection';
import { spanOf } from '../span';
import type { SyntaxNode } from './treeSitter';

export interface ReadSelection {
  readonly fragment: Fragment;
  /** The target as inspected: its first node is where the code before it ends. */
  readonly target: Target;
}

export function readFragment(target: Target, reader: DocumentReader): ReadSelection {
  const [only] = target.nodes;
  if (target.kind === 'expression' && only !== undefined) {
    const fn = reader.functionOf(only);
    const fragment: Fragment =
      fn !== undefined
        ? functionFragment(fn, reader)
        : { body: [{ kind: 'expression', value: reader.expression(only), span: spanOf(only) }] };
    return { fragment, target };
  }
  const read = target.nodes.map((node) => ({ node, fn: reader.functionOf(node) }));
  const others = read.map((entry) =>
    entry.fn === undefined ? reader.statements(entry.node) : undefined,
  );
  const last = read.filter((entry) => entry.fn !== undefined).at(-1);
  // Imports, docstrings and `pass` around functions leave only them selected: the last one is
  // inspected, and the others are the code before it, which it may call.
  if (last?.fn !== undefined && others.every((statements) => (statements ?? []).length === 0)) {
    return {
      fragment: functionFragment(last.fn, reader),
      target: { ...target, nodes: [last.node] },
    };
  }
  const body = read.flatMap((entry, i) => others[i] ?? reader.statements(entry.node));
  return { fragment: { body }, target };
}

function functionFragment(fn: SyntaxNode, reader: DocumentReader): Fragment {
  const header = reader.functionHeader(fn);
  const body = reader.functionBody(fn);
  return header.name === undefined
    ? { params: header.params, body }
    : { params: header.params, body, functionName: header.name.name };
}
