/**
 * ∂f/∂name when hovering a name inside an inspected range; the text comes from hoverMarkdown,
 * or tensorHoverMarkdown for code with arrays (see inspectionViews).
 */
import * as vscode from 'vscode';
import { referenceAt } from '../present/inspection';
import { inspectionHover } from './inspectionViews';
import { toVscodeRange } from './documentSource';
import type { InspectionStore } from './inspectionStore';
import { readSettings } from './settings';
import { markWalkthroughStep } from './walkthrough';

export const SHOW_NODE_COMMAND = 'gradientLens.showPanel';

export class GradientHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: InspectionStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = readSettings();
    const entry = this.store.get(document.uri);
    if (!settings.hoverEnabled || entry === undefined) {
      return undefined;
    }
    const reference = referenceAt(entry, position.line + entry.lineOffset, position.character);
    if (reference === undefined) {
      return undefined;
    }
    const markdown = inspectionHover(entry, reference, {
      precision: settings.precision,
      showNodeCommand: (node) => showNodeLink(entry.uri, node),
    });
    if (markdown === undefined) {
      return undefined;
    }
    const text = new vscode.MarkdownString(markdown);
    // Only our own command may run from the hover; document text is escaped in the Markdown.
    text.isTrusted = { enabledCommands: [SHOW_NODE_COMMAND] };
    text.supportHtml = false;
    markWalkthroughStep('hovered');
    return new vscode.Hover(text, toVscodeRange(reference.range, entry.lineOffset));
  }
}

export function showNodeLink(uri: string, node: number): string {
  const args = encodeURIComponent(JSON.stringify([{ uri, node }]));
  return `command:${SHOW_NODE_COMMAND}?${args}`;
}
