/**
 * A target's nodes in neutral form: one function (its parameters are the inputs, its return
 * value the output), or statements, or one expression.
 */
import type { Fragment } from './codeAst';
import { unsupported } from './codeError';
import type { DocumentReader } from './codeLanguage';
import type { Target } from './selection';
import { spanOf } from './span';
import type { SyntaxNode } from './treeSitter';

export function readFragment(target: Target, reader: DocumentReader): Fragment {
  const [only] = target.nodes;
  if (target.kind === 'expression' && only !== undefined) {
    const fn = reader.functionOf(only);
    return fn !== undefined
      ? functionFragment(fn, reader)
      : { body: [{ kind: 'expression', value: reader.expression(only), span: spanOf(only) }] };
  }
  const read = target.nodes.map((node) => ({ node, fn: reader.functionOf(node) }));
  const functions = read.filter((entry) => entry.fn !== undefined);
  const body = read
    .filter((entry) => entry.fn === undefined)
    .flatMap((entry) => reader.statements(entry.node));
  const [first] = functions;
  if (first?.fn === undefined) {
    return { body };
  }
  // Imports, docstrings and `pass` around a function leave it the only thing selected.
  if (functions.length === 1 && body.length === 0) {
    return functionFragment(first.fn, reader);
  }
  throw unsupported(
    'a function definition among other statements',
    spanOf(first.node),
    'select the function alone, or only statements',
  );
}

function functionFragment(fn: SyntaxNode, reader: DocumentReader): Fragment {
  const header = reader.functionHeader(fn);
  const body = reader.functionBody(fn);
  return header.name === undefined
    ? { params: header.params, body }
    : { params: header.params, body, functionName: header.name.name };
}
