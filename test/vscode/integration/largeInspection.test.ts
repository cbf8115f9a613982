import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  hoverTexts,
  inspect,
  openFile,
  openUntitled,
  positionOf,
  reset,
  selectLine,
  type InspectResult,
} from './helpers';
import { pythonLossSource } from '../../support/pythonLoss';

describe('large inspections run beside the editor, not in its way', function () {
  this.timeout(120_000);
  afterEach(reset);

  it('hovers in another document answer while a 56,000-node inspection is running', async () => {
    await activateExtension();
    const reference = await openFile('reference.py');
    selectLine(reference, 4);
    assert.equal((await inspect()).ok, true);
    const at = positionOf(reference.document, 4, 'x');

    const large = await openUntitled('python', pythonLossSource(8_000));
    // From `h0 = …` to `loss = …`: the values of w, b, x, y are read from the lines above.
    large.selection = new vscode.Selection(
      large.document.lineAt(5).range.start,
      large.document.lineAt(large.document.lineCount - 2).range.end,
    );
    let finished = false;
    const running = inspect().then((result: InspectResult) => {
      finished = true;
      return result;
    });
    const hover = await hoverTexts(reference.document.uri, at);
    const hoveredWhileRunning = !finished;
    const result = await running;

    assert.ok(
      hover.some((text) => text.includes('∂f/∂x = −4')),
      JSON.stringify(hover),
    );
    assert.ok(hoveredWhileRunning, 'the hover waited for the large inspection to finish');
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok && result.output.name === 'loss');
    assert.ok(result.ok && Number.isFinite(result.grads.x));
  });
});
