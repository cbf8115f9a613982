import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { tensorSnapshotJsonAround, tensorSnapshotMessage } from '../../src/protocol/messages';
import type { PanelInspection, PanelTensorInspection } from '../../src/protocol/protocol';
import { wireJson } from '../../src/protocol/wire';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { reluPanel } from '../support/reluTensor';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const URI = 'file:///work/relu.py';

async function snapshotCount(panel: PanelPage): Promise<number> {
  return Number((await panel.page.locator('#app').getAttribute('data-snapshots')) ?? '0');
}

/** Sends a tensor snapshot as the host does and waits until the page has listed it. */
async function sendTensor(panel: PanelPage, inspection: PanelTensorInspection): Promise<void> {
  const count = await snapshotCount(panel);
  await panel.send(tensorSnapshotMessage(inspection, { precision: 6 }), true);
  await panel.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
}

/** The texts of the cells of each row of a table. */
async function rows(panel: PanelPage, table: string): Promise<string[][]> {
  const found = panel.page.locator(`#${table} tbody tr`);
  const texts: string[][] = [];
  for (let i = 0; i < (await found.count()); i += 1) {
    const cells = await found.nth(i).locator('th, td').allInnerTexts();
    texts.push(cells.map((cell) => cell.trim()));
  }
  return texts;
}

describe('panel list of a tensor result in headless Chromium', function () {
  this.timeout(20_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;

  before(async function () {
    this.timeout(30_000);
    [browser, files] = await Promise.all([launchChromium(), buildPanelFiles()]);
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('lists the output, the inputs with their gradients, every node and the steps in matrix form', async () => {
    await sendTensor(panel, reluPanel());
    const { page } = panel;
    assert.equal((await page.locator('#gl-tensor-output').innerText()).trim(), 'y = 10');
    assert.deepEqual(await rows(panel, 'gl-tensor-inputs'), [
      ['x', '(3,)', '[1, −2, 3]', '[2, 0, 6]'],
    ]);
    assert.deepEqual(await rows(panel, 'gl-tensor-nodes'), [
      ['0', 'x', 'input', '(3,)', '[1, −2, 3]', '[2, 0, 6]'],
      ['1', 'relu(x)', 'relu', '(3,)', '[1, 0, 3]', '[2, 0, 6]'],
      ['2', '2', 'constant', '()', '2', 'no gradient'],
      ['3', 'relu(x) ** 2', 'pow', '(3,)', '[1, 0, 9]', '[1, 1, 1]'],
      ['4', 'y', 'sum', '()', '10', '1'],
    ]);
    const steps = await rows(panel, 'gl-tensor-steps');
    assert.deepEqual(steps[0], ['1', '∂y/∂y = 1', 'the output, by definition', '()', '']);
    assert.deepEqual(steps[3], [
      '4',
      'relu(x) → x',
      '∂L/∂x = ∂L/∂y ⊙ 1[x > 0]',
      '(3,) = (3,) ⊙ (3,)',
      '[2, 0, 6]',
    ]);
    assert.equal(
      await page.locator('#gl-tensor-graph svg.gl-graph g.gl-node').count(),
      5,
      'the graph is drawn above the list, one node per tensor',
    );
  });

  it('marks sample values, lists an input the output does not use without a gradient', async () => {
    const inspection = reluPanel();
    const result = {
      ...inspection.result,
      inputs: inspection.result.inputs.map((input) => ({ ...input, sample: true })),
      nodes: inspection.result.nodes.map((node) =>
        node.id === 0 ? { ...node, sample: true } : node,
      ),
      unused: [{ id: 2, name: 'b', value: inspection.result.nodes[2]!.value }],
    };
    await sendTensor(panel, { ...inspection, result });
    const inputs = await rows(panel, 'gl-tensor-inputs');
    assert.deepEqual(inputs[0]?.slice(0, 1), ['xsample values']);
    assert.deepEqual(inputs[1], ['b', '()', '2', 'not used by y']);
    assert.equal(await panel.page.locator('#gl-tensor-nodes .gl-sample').count(), 1);
  });

  it('selects the source of a node whose row is clicked, and marks the row the host selects', async () => {
    await sendTensor(panel, reluPanel());
    await panel.clearPosted();
    await panel.page.locator('#gl-tensor-nodes tr[data-node="1"]').click();
    const posted = await panel.waitForPosted((m) => m.type === 'selectNode');
    assert.deepEqual(posted, { type: 'selectNode', node: 1, reveal: true });
    await panel.send({ type: 'selectNode', node: 3 });
    await panel.page.locator('#gl-tensor-nodes tr[data-node="3"].gl-selected').waitFor();
  });

  it('escapes every label and name from the document', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const inspection = reluPanel();
    const result = {
      ...inspection.result,
      output: { ...inspection.result.output, name: hostile },
      nodes: inspection.result.nodes.map((node) => ({ ...node, label: `${node.label}${hostile}` })),
      inputs: inspection.result.inputs.map((input) => ({ ...input, name: hostile })),
    };
    await sendTensor(panel, { ...inspection, fileName: hostile, result });
    assert.equal(await panel.page.locator('img').count(), 0);
    assert.ok((await panel.page.locator('#gl-tensor-output').innerText()).includes(hostile));
  });

  it('lists a snapshot that arrives as UTF-8 JSON bytes joined around the worker JSON', async () => {
    const { result, ...rest } = reluPanel();
    const { before, after } = tensorSnapshotJsonAround(rest, { precision: 3 });
    const bytes = [...new TextEncoder().encode(`${before}${wireJson(result)}${after}`)];
    const count = await snapshotCount(panel);
    await panel.page.evaluate((data) => {
      const json = new Uint8Array(data);
      (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(
        { type: 'encoded', json },
        '*',
      );
    }, bytes);
    await panel.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
    assert.equal((await panel.page.locator('#gl-tensor-output').innerText()).trim(), 'y = 10');
  });

  it('says when the list is stale, saves what was inspected, and draws a scalar graph next', async () => {
    await sendTensor(panel, reluPanel());
    await panel.send({ type: 'stale', reason: 'the code changed; reading it again…' });
    await panel.page.locator('#gl-stale:not([hidden])').waitFor();
    assert.deepEqual(await panel.savedState(), {
      version: 1,
      uri: URI,
      request: reluPanel().request,
    });

    const scalar = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
    });
    const reference: PanelInspection = {
      uri: 'file:///work/reference.py',
      fileName: 'reference.py',
      result: scalar.result,
      values: scalar.values,
      lineOffset: 0,
      outputChosen: false,
      request: { selection: scalar.program.range, values: {} },
    };
    await panel.sendSnapshot(reference);
    assert.equal(await panel.page.locator('svg.gl-graph g.gl-node').count(), 5);
    assert.equal(await panel.page.locator('#gl-tensor').count(), 0);
    assert.equal((await panel.page.locator('#gl-output').innerText()).trim(), 'f = −12');
  });
});
