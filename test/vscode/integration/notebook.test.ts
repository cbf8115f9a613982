import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoverTexts, reset } from './helpers';

describe('Jupyter notebooks', () => {
  afterEach(reset);

  it('inspects a Python cell with the values of earlier cells, and hovers there', async () => {
    await activateExtension();
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'x = -2\ny = 5\nz = -4', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# the loss', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'f = (x + y) * z', 'python'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(2).document;
    const result = await vscode.commands.executeCommand<{
      ok: boolean;
      grads?: Record<string, number>;
    }>('gradientLens.inspect', cell.uri, new vscode.Position(0, 0));
    assert.ok(result?.ok, JSON.stringify(result));
    assert.deepEqual(result.grads, { x: -4, y: -4, z: 3 });
    const x = new vscode.Position(0, 5);
    const wanted = (texts: string[]) => texts.some((text) => text.includes('∂f/∂x = −4'));
    const texts = await eventually(() => hoverTexts(cell.uri, x), wanted);
    assert.ok(wanted(texts), JSON.stringify(texts));
  });
});
