import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, inspect, openUntitled, reset } from './helpers';

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('gradientLens')
    .update(key, value, vscode.ConfigurationTarget.Global);
}

describe('input values and errors', () => {
  afterEach(async () => {
    await setSetting('unboundInputs.ask', undefined);
    await setSetting('unboundInputs.defaultValue', undefined);
    await reset();
  });

  it('uses the default value for inputs without one when asking is off', async () => {
    await activateExtension();
    await setSetting('unboundInputs.ask', false);
    await setSetting('unboundInputs.defaultValue', 3);
    const editor = await openUntitled('python', 'f = a * b + a');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const result = await inspect();
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.output.value, 12);
    assert.deepEqual(result.grads, { a: 4, b: 3 });
  });

  it('reads an `at:` annotation above the selection', async () => {
    await activateExtension();
    const editor = await openUntitled(
      'typescript',
      '// at: w=2, x=-1\nconst out = Math.tanh(w * x);',
    );
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const result = await inspect();
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.output.name, 'out');
    const slope = 1 - Math.tanh(-2) ** 2;
    assert.ok(Math.abs((result.grads['w'] ?? NaN) - -slope) < 1e-12, JSON.stringify(result.grads));
  });

  it('reports a syntax error with its kind', async () => {
    await activateExtension();
    const editor = await openUntitled('python', 'x = 1\nf = (x + ');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const result = await inspect();
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.kind === 'syntax', JSON.stringify(result));
  });

  it('reads LaTeX in a Markdown document', async () => {
    await activateExtension();
    const editor = await openUntitled(
      'markdown',
      'The neuron:\n\n% at: w=2, x=1, b=-1\n$$\\sigma(w x + b)$$\n',
    );
    const lines = editor.document.getText().split('\n');
    const line = lines.findIndex((text) => text.startsWith('$$'));
    assert.ok(line >= 0, `the document reads ${JSON.stringify(editor.document.getText())}`);
    const formula = editor.document.lineAt(line).range;
    editor.selection = new vscode.Selection(formula.start, formula.end);
    const result = await inspect();
    assert.ok(result.ok, JSON.stringify(result));
    const s = 1 / (1 + Math.exp(-1));
    assert.ok(Math.abs(result.output.value - s) < 1e-15);
    assert.ok(
      Math.abs((result.grads['w'] ?? NaN) - s * (1 - s)) < 1e-12,
      JSON.stringify(result.grads),
    );
  });
});
