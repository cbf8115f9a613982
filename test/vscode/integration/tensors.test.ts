import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  eventually,
  hoverTexts,
  inlayHintLabels,
  inspectAny,
  openFile,
  positionOf,
  reset,
} from './helpers';

/** Selects every line of the editor's document, as "nothing else in the file" asks. */
function selectAll(editor: vscode.TextEditor): void {
  const last = editor.document.lineAt(editor.document.lineCount - 1);
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), last.range.end);
}

/** The hovers at `position` once one of them matches `pattern` (the extension may be busy). */
async function hoverMatching(
  uri: vscode.Uri,
  position: vscode.Position,
  pattern: RegExp,
): Promise<string> {
  const texts = await eventually(
    () => hoverTexts(uri, position),
    (found) => found.some((text) => pattern.test(text)),
  );
  const text = texts.find((found) => pattern.test(found));
  assert.ok(text !== undefined, `no hover matching ${pattern}: ${JSON.stringify(texts)}`);
  return text;
}

/**
 * The NumPy softmax loss (loss = 1.60878…, ∂loss/∂W[0, 0] = −0.171399 and
 * ∂loss/∂b[0] = −0.0488657 by NumPy itself) and its PyTorch relu snippet (∂y/∂x = [2, 0, 6]),
 * inspected with no values typed, through the command and the hovers.
 */
describe('code with arrays', () => {
  afterEach(reset);

  it('softmax.py: the hover on W shows its shape (3, 5) and its gradient', async () => {
    await activateExtension();
    const editor = await openFile('softmax.py');
    selectAll(editor);
    const result = await inspectAny();
    assert.ok(result.ok && result.kind === 'tensor', `inspect failed: ${JSON.stringify(result)}`);
    assert.ok(Math.abs(result.output.value - 1.6087834056576031) < 1e-10, `${result.output.value}`);
    assert.deepEqual(result.grads.W?.shape, [3, 5]);
    assert.ok(Math.abs((result.grads.W?.data[0] ?? NaN) - -0.17139856) < 1e-8);
    assert.deepEqual(result.grads.b?.shape, [5]);

    const { document } = editor;
    const w = positionOf(document, 7, 'W');
    const hover = await hoverMatching(document.uri, w, /∂loss\/∂W/);
    assert.match(hover, /\\?\(3, 5\\?\)/, `no shape (3, 5) in ${hover}`);
    assert.match(hover, /−0\.171399/, `no gradient element −0.171399 in ${hover}`);

    const hints = await inlayHintLabels(document.uri, document.lineAt(6).range);
    assert.ok(
      hints.some((label) => /\(3, 5\) ‖[\d.]+‖/.test(label)),
      `inlay hints on line 7: ${JSON.stringify(hints)}`,
    );
  });

  it('relu_torch.py: the hover on x says ∂y/∂x = [2, 0, 6]', async () => {
    await activateExtension();
    const editor = await openFile('relu_torch.py');
    selectAll(editor);
    const result = await inspectAny();
    assert.ok(result.ok && result.kind === 'tensor', `inspect failed: ${JSON.stringify(result)}`);
    assert.equal(result.output.value, 10);
    assert.deepEqual(result.grads, { x: { shape: [3], data: [2, 0, 6] } });

    const { document } = editor;
    const x = positionOf(document, 3, 'x');
    const hover = await hoverMatching(document.uri, x, /∂y\/∂x/);
    const gradient = hover.slice(hover.indexOf('*Gradient*'));
    assert.match(gradient, /\|\s*2\s*\|\s*0\s*\|\s*6\s*\|/, `no [2, 0, 6] in ${hover}`);
  });

  it('after an edit, inspects the tensor code again: x = [1, 2, 3] gives ∂y/∂x = [2, 4, 6]', async () => {
    await activateExtension();
    const editor = await openFile('relu_torch.py');
    selectAll(editor);
    const first = await inspectAny();
    assert.ok(first.ok, `inspect failed: ${JSON.stringify(first)}`);
    const { document } = editor;
    const minus = positionOf(document, 2, '-2.0');
    const edited = await editor.edit((edit) =>
      edit.replace(new vscode.Range(minus, minus.translate(0, 1)), ''),
    );
    assert.ok(edited);
    const x = positionOf(document, 3, 'x');
    const hover = await hoverMatching(document.uri, x, /\|\s*2\s*\|\s*4\s*\|\s*6\s*\|/);
    assert.doesNotMatch(hover, /Stale/);
  });
});
