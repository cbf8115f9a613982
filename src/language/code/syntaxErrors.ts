/**
 * Syntax errors inside the inspected part of the document. Tree-sitter always returns a tree,
 * with ERROR and MISSING nodes where the code does not parse; an error elsewhere in the file does
 * not stop the inspection of a selection that parses.
 */
import { CodeError } from './codeError';
import type { Span } from '../span';
import { excerpt, walkOverlapping } from './syntax';
import type { SyntaxNode } from './treeSitter';

export function rejectSyntaxErrors(root: SyntaxNode, span: Span, languageName: string): void {
  if (!root.hasError) {
    return;
  }
  let found: SyntaxNode | undefined;
  walkOverlapping(root, span, (cursor) => {
    const node = cursor.currentNode;
    if (found !== undefined) {
      return false;
    }
    if (node.isError || node.isMissing) {
      found = node;
      return false;
    }
    return node.hasError;
  });
  if (found === undefined) {
    return;
  }
  const at = { from: found.startIndex, to: found.endIndex };
  if (found.isMissing) {
    throw new CodeError('syntax', `syntax error: \`${found.type}\` is missing here`, at);
  }
  throw new CodeError(
    'syntax',
    `syntax error: \`${excerpt(found.text)}\` is not valid ${languageName}`,
    at,
  );
}
