import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, hoverTexts, inspect, openUntitled, reset } from './helpers';

/**
 * The lecture's circuit pasted cell by cell: x is bound to −2 again before f reads it. The
 * whole document inspected must give PyTorch's ∂f/∂x = 3, ∂f/∂y = 1, and the first x is not
 * used by f — in the command's result and in the hovers.
 */
const REDUCED: readonly (readonly [string, string])[] = [
  ['python', 'x = -2\ny = 5\nf0 = x * y\nx = -2\nf = x * 3 + y\n'],
  ['javascript', 'var x = -2, y = 5;\nvar f0 = x * y;\nvar x = -2;\nvar f = x * 3 + y;\n'],
  ['typescript', 'let x = -2;\nlet y = 5;\nconst f0 = x * y;\nx = -2;\nconst f = x * 3 + y;\n'],
];

/** The position of x in the last line, `f = x * 3 + y`. */
function lastX(document: vscode.TextDocument): vscode.Position {
  const line = document.lineCount - 2;
  return new vscode.Position(line, document.lineAt(line).text.indexOf('x'));
}

describe('a name bound again before the output reads it', () => {
  afterEach(reset);

  for (const [language, source] of REDUCED) {
    it(`${language}: the whole document gives ∂f/∂x = 3, ∂f/∂y = 1; the first x is not used`, async () => {
      await activateExtension();
      const editor = await openUntitled(language, source);
      const { document } = editor;
      editor.selection = new vscode.Selection(0, 0, document.lineCount - 1, 0);
      const result = await inspect();
      assert.ok(result.ok, `inspect failed: ${JSON.stringify(result)}`);
      assert.deepEqual(result.grads, { y: 1, x: 3 });
      assert.deepEqual(result.unused, ['x (line 1)']);

      // The hover names the binding when the name has several: `∂f/∂x (line 4) = 3`, its
      // parentheses escaped in the Markdown source.
      const gradX = /∂f\/∂x( \\?\(line \d\\?\))? = 3\b/;
      const used = await eventually(
        () => hoverTexts(document.uri, lastX(document)),
        (texts) => texts.some((text) => gradX.test(text)),
      );
      assert.ok(
        used.some((text) => gradX.test(text)),
        `hover over the x f reads: ${JSON.stringify(used)}`,
      );
      const first = new vscode.Position(0, document.lineAt(0).text.indexOf('x'));
      const unused = await hoverTexts(document.uri, first);
      const joined = unused.join('\n');
      assert.match(joined, /not used by f/, `hover over the first x: ${joined}`);
      assert.doesNotMatch(joined, /∂f\/∂x = 0/);
    });
  }
});
