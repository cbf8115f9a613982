/**
 * The text a front end reads for a document. In a notebook cell it is the cell preceded by the
 * earlier code cells of the same language, so values assigned in earlier cells are found, as
 * they would be when the notebook runs top to bottom; `lineOffset` maps positions back.
 */
import * as vscode from 'vscode';
import type { Position, SourceRange } from '../engine/ir';

export interface DocumentSource {
  readonly text: string;
  /** Lines of earlier cells in front of the document's own text. */
  readonly lineOffset: number;
}

export function documentSource(document: vscode.TextDocument): DocumentSource {
  const earlier = earlierCells(document);
  if (earlier.length === 0) {
    return { text: document.getText(), lineOffset: 0 };
  }
  const prefix = earlier.map((cell) => `${cell.getText()}\n`).join('');
  const lineOffset = earlier.reduce((lines, cell) => lines + cell.lineCount, 0);
  return { text: prefix + document.getText(), lineOffset };
}

function earlierCells(document: vscode.TextDocument): vscode.TextDocument[] {
  if (document.uri.scheme !== 'vscode-notebook-cell') {
    return [];
  }
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells();
    const index = cells.findIndex((cell) => cell.document === document);
    if (index >= 0) {
      return cells
        .slice(0, index)
        .filter(
          (cell) =>
            cell.kind === vscode.NotebookCellKind.Code &&
            cell.document.languageId === document.languageId,
        )
        .map((cell) => cell.document);
    }
  }
  return [];
}

export function toVscodeRange(range: SourceRange, lineOffset: number): vscode.Range {
  return new vscode.Range(
    toVscodePosition(range.start, lineOffset),
    toVscodePosition(range.end, lineOffset),
  );
}

export function toVscodePosition(position: Position, lineOffset: number): vscode.Position {
  return new vscode.Position(Math.max(0, position.line - lineOffset), position.column);
}

export function toSourceRange(range: vscode.Range, lineOffset: number): SourceRange {
  return {
    start: { line: range.start.line + lineOffset, column: range.start.character },
    end: { line: range.end.line + lineOffset, column: range.end.character },
  };
}
