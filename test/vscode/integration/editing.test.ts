import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  eventually,
  hoverTexts,
  inlayHintLabels,
  inspect,
  openUntitled,
  positionOf,
  reset,
  selectLine,
} from './helpers';

/** The reference example in an untitled document, so edits never touch the fixture files. */
const REFERENCE = 'x = -2\ny = 5\nz = -4\nf = (x + y) * z\n';

async function inspectReference(): Promise<vscode.TextEditor> {
  await activateExtension();
  const editor = await openUntitled('python', REFERENCE);
  selectLine(editor, 4);
  const result = await inspect();
  assert.equal(result.ok, true, JSON.stringify(result));
  return editor;
}

async function replaceLine(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  const range = editor.document.lineAt(line - 1).range;
  const applied = await editor.edit((edit) => edit.replace(range, text));
  assert.ok(applied, 'the edit was not applied');
}

const including = (needle: string) => (texts: string[]) =>
  texts.some((text) => text.includes(needle));

describe('editing an inspected document', () => {
  afterEach(reset);

  it('inspects again when a value above changes: ∂f/∂z follows x', async () => {
    const editor = await inspectReference();
    await replaceLine(editor, 1, 'x = 3');
    const z = positionOf(editor.document, 4, 'z');
    const texts = await eventually(
      () => hoverTexts(editor.document.uri, z),
      including('∂f/∂z = 8'),
    );
    assert.ok(including('∂f/∂z = 8')(texts), JSON.stringify(texts));
    assert.ok(including('at x = 3, y = 5, z = −4')(texts), JSON.stringify(texts));
  });

  it('follows the inspected line when lines are inserted above it', async () => {
    const editor = await inspectReference();
    const applied = await editor.edit((edit) =>
      edit.insert(new vscode.Position(0, 0), 'import math\n\n'),
    );
    assert.ok(applied);
    const x = positionOf(editor.document, 6, 'x');
    const texts = await eventually(
      () => hoverTexts(editor.document.uri, x),
      including('∂f/∂x = −4'),
    );
    assert.ok(including('∂f/∂x = −4')(texts), JSON.stringify(texts));
  });

  it('says the inspection is stale when the code no longer reads, and drops the hints', async () => {
    const editor = await inspectReference();
    await replaceLine(editor, 4, 'f = (x + y * z');
    const x = positionOf(editor.document, 4, 'x');
    const texts = await eventually(() => hoverTexts(editor.document.uri, x), including('Stale'));
    assert.ok(including('Stale')(texts), JSON.stringify(texts));
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const labels = await eventually(
      () => inlayHintLabels(editor.document.uri, whole),
      (l) => l.length === 0,
    );
    assert.deepEqual(labels, []);
  });

  it('clears hovers and hints with "Clear Inspections"', async () => {
    const editor = await inspectReference();
    await vscode.commands.executeCommand('gradientLens.clear');
    const x = positionOf(editor.document, 4, 'x');
    const texts = await hoverTexts(editor.document.uri, x);
    assert.ok(!including('∂f/∂')(texts), JSON.stringify(texts));
    const labels = await inlayHintLabels(editor.document.uri, new vscode.Range(0, 0, 5, 0));
    assert.deepEqual(labels, []);
  });
});
