import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  eventually,
  hoverTexts,
  inlayHintLabels,
  inspect,
  openFile,
  positionOf,
  reset,
  selectLine,
} from './helpers';

/** The gradient of x in reference.py, with U+2212 as the minus sign. */
const GRAD_X = '∂f/∂x = −4';

/** The default (compact) inlay hint of line 4: every input of the line, in order. */
const LINE_HINT = '∇ x −4 · y −4 · z 3';

/** Opens reference.py and inspects `f = (x + y) * z` on line 4. */
async function inspectReference(): Promise<vscode.TextEditor> {
  await activateExtension();
  const editor = await openFile('reference.py');
  selectLine(editor, 4);
  const result = await inspect();
  assert.equal(result.ok, true, `inspect failed: ${JSON.stringify(result)}`);
  return editor;
}

const mentionsGradX = (texts: string[]) => texts.some((text) => text.includes(GRAD_X));

describe('hovers and inlay hints after an inspection', () => {
  afterEach(reset);

  it(`hovering x on line 4 of reference.py shows ${GRAD_X}`, async () => {
    const { document } = await inspectReference();
    const position = positionOf(document, 4, 'x');
    const texts = await eventually(() => hoverTexts(document.uri, position), mentionsGradX);
    assert.ok(mentionsGradX(texts), `hover texts: ${JSON.stringify(texts)}`);
  });

  it(`by default one inlay hint at the end of line 4 reads ${LINE_HINT}, its tooltip ${GRAD_X}`, async () => {
    const { document } = await inspectReference();
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const isLineHint = (labels: string[]) => labels.includes(LINE_HINT);
    const labels = await eventually(() => inlayHintLabels(document.uri, whole), isLineHint);
    assert.deepEqual(labels, [LINE_HINT]);
    const [hint] = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      document.uri,
      whole,
    );
    assert.deepEqual(hint?.position, document.lineAt(3).range.end);
    assert.ok(String(hint?.tooltip).includes(GRAD_X), `tooltip: ${String(hint?.tooltip)}`);
  });
});
