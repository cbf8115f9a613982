/**
 * The hover and inlay-hint texts of a document's inspection, for its kind of result: scalar
 * code's (hoverContent, inlayHints) or code with arrays' (tensorHover, tensorInlayHints). No
 * vscode import, so the choice is tested in plain Node; the providers wrap what it returns.
 */
import { assertNever } from '../engine/assertNever';
import type { Reference } from '../language/frontEnd';
import { hoverMarkdown, type HoverOptions } from '../present/hoverContent';
import { inlayHints, type InlayHintView, type InlayOptions } from '../present/inlayHints';
import type { DocumentInspection } from '../present/inspection';
import { tensorHoverMarkdown } from '../present/tensorHover';
import { tensorInlayHints } from '../present/tensorInlayHints';

export function inspectionHover(
  entry: DocumentInspection,
  reference: Reference,
  options: HoverOptions,
): string | undefined {
  switch (entry.kind) {
    case undefined:
    case 'scalar':
      return hoverMarkdown(entry, reference, options);
    case 'tensor':
      return tensorHoverMarkdown(entry, reference, options);
    default:
      return assertNever(entry, 'inspection');
  }
}

export function inspectionInlayHints(
  entry: DocumentInspection,
  options: InlayOptions,
): InlayHintView[] {
  switch (entry.kind) {
    case undefined:
    case 'scalar':
      return inlayHints(entry, options);
    case 'tensor':
      return tensorInlayHints(entry, options);
    default:
      return assertNever(entry, 'inspection');
  }
}
