// The walkthrough's sample inside the real extension host: its "Open reference.py" link opens
// the workspace's own reference.py in the first column. (The e2e suite opens the walkthrough
// with Gradient Lens: Get Started, walks through its steps and reads them ticked off: in a
// window that runs extension tests, code-server 1.100.3 did not show this extension's
// walkthrough even 16 s after activation.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, reset } from './helpers';

describe('the Get Started walkthrough', () => {
  afterEach(reset);

  it("its Open reference.py link opens the workspace's reference.py in the first column", async () => {
    await activateExtension();
    await vscode.commands.executeCommand('gradientLens.openSample');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor is active');
    assert.equal(editor.document.uri.scheme, 'file');
    assert.ok(editor.document.uri.path.endsWith('/reference.py'), editor.document.uri.path);
    assert.equal(editor.viewColumn, vscode.ViewColumn.One);
    assert.equal(editor.document.languageId, 'python');
  });
});
