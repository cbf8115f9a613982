import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoverTexts, inspect, openUntitled, reset } from './helpers';

/**
 * A loop unrolled statically: x = 1.0, then three times x = x * w + b at w = 0.5, b = 2, gives
 * x = 3.625, ∂x/∂w = 4.75, ∂x/∂b = 1.75 (x w³ + b w² + b w + b), in the command's result
 * and in the hover over w inside the loop.
 */
const LOOP = 'x = 1.0\nw = 0.5\nb = 2\nfor i in range(3):\n    x = x * w + b\n';

describe('a loop unrolled statically', () => {
  afterEach(reset);

  it('for i in range(3): x = x * w + b gives x = 3.625, ∂x/∂w = 4.75, ∂x/∂b = 1.75', async () => {
    await activateExtension();
    const editor = await openUntitled('python', LOOP);
    const { document } = editor;
    editor.selection = new vscode.Selection(0, 0, document.lineCount - 1, 0);
    const result = await inspect();
    assert.ok(result.ok, `inspect failed: ${JSON.stringify(result)}`);
    assert.equal(result.output.value, 3.625);
    assert.deepEqual(result.grads, { x: 0.125, w: 4.75, b: 1.75 });

    // The output is the last version of x (x₄); the hover over w in the loop body gives ∂/∂w.
    const line = 4;
    const w = new vscode.Position(line, document.lineAt(line).text.indexOf('w'));
    const gradW = /∂x\S*\/∂w = 4\.75\b/;
    const texts = await eventually(
      () => hoverTexts(document.uri, w),
      (found) => found.some((text) => gradW.test(text)),
    );
    assert.ok(
      texts.some((text) => gradW.test(text)),
      `hover over w: ${JSON.stringify(texts)}`,
    );
    const b = new vscode.Position(line, document.lineAt(line).text.indexOf('b'));
    const bTexts = await hoverTexts(document.uri, b);
    assert.match(bTexts.join('\n'), /∂x\S*\/∂b = 1\.75\b/);
  });
});
