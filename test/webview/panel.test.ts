import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { InspectionResult } from '../../src/engine/result';
import { ASK_BEFORE_DRAWING_NODES } from '../../src/protocol/messages';
import type { PanelInspection } from '../../src/protocol/protocol';
import { edgeKey } from '../../src/present/stepThrough';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { REBINDING } from '../support/unusedInputs';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const PACKAGE = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown } | undefined> };
  };
};

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'webview');
const URI = 'file:///work/reference.py';

/** The reference example inspected through the real pipeline, at the given values. */
async function referenceAt(values: Record<string, number> = {}): Promise<PanelInspection> {
  const selection = linesRange(REFERENCE_PYTHON, 3, 4);
  const inspection = await inspectionOf({
    source: REFERENCE_PYTHON,
    language: 'python',
    selection,
    values,
    check: true,
  });
  return {
    uri: URI,
    fileName: 'reference.py',
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: { selection: inspection.program.range, values },
  };
}

function idsOf(result: InspectionResult): Record<string, number> {
  return Object.fromEntries(result.nodes.map((node) => [node.name ?? node.label, node.id]));
}

/** Name, value and gradient cells of an input's row in the table. */
async function row(panel: PanelPage, name: string): Promise<string[]> {
  const cells = await panel.page.locator(`tr[data-name="${name}"] > *`).allInnerTexts();
  return cells.slice(0, 3).map((cell) => cell.trim());
}

describe('graph panel page in headless Chromium', function () {
  this.timeout(20_000);
  let browser: Browser;
  let files: PanelFiles;
  let reference: PanelInspection;
  let id: Record<string, number>;
  let panel: PanelPage;

  before(async function () {
    this.timeout(30_000);
    [browser, files, reference] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      referenceAt(),
    ]);
    id = idsOf(reference.result);
    mkdirSync(SCREENSHOTS, { recursive: true });
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await panel.page
        .screenshot({
          path: join(SCREENSHOTS, `failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`),
        })
        .catch(() => {});
    }
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('says ready, then draws the reference example and its inputs table from one snapshot', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 5);
    assert.equal(await page.locator('svg.gl-graph g.gl-node.gl-node--input').count(), 3);
    assert.equal(await page.locator('svg.gl-graph g.gl-edge').count(), 4);
    assert.equal((await page.locator('#gl-output').innerText()).trim(), 'f = −12');
    assert.deepEqual(await row(panel, 'x'), ['x', '−2', '−4']);
    assert.deepEqual(await row(panel, 'y'), ['y', '5', '−4']);
    assert.deepEqual(await row(panel, 'z'), ['z', '−4', '3']);
    const edge = page.locator(`g.gl-edge[data-edge="${edgeKey(id.q!, id.x!, 0)}"]`);
    assert.equal(await edge.locator('text.gl-value').textContent(), '−2');
    assert.equal(await edge.locator('text.gl-grad').textContent(), '−4');
    assert.equal((await page.locator('.gl-equation').innerText()).trim(), 'f = −12');
  });

  it('steps through every backward step, highlighting the edge and spelling out the chain rule', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    const expected: [string | undefined, string, number][] = [
      [undefined, '∂f/∂f = 1', id.f!],
      [edgeKey(id.f!, id.z!, 1), '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · 3 = 3', id.z!],
      [edgeKey(id.f!, id.q!, 0), '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · (−4) = −4', id.q!],
      [edgeKey(id.q!, id.y!, 1), '∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4', id.y!],
      [edgeKey(id.q!, id.x!, 0), '∂f/∂x = ∂f/∂q · ∂q/∂x = (−4) · 1 = −4', id.x!],
    ];
    await page.locator('button[data-action="first"]').click();
    for (let i = 0; i < expected.length; i += 1) {
      const [edge, equation, node] = expected[i]!;
      if (i > 0) {
        // Alternate the button and the arrow key: both step.
        await (i % 2 === 1
          ? page.locator('button[data-action="next"]').click()
          : page.keyboard.press('ArrowRight'));
      }
      assert.equal((await page.locator('.gl-equation').innerText()).trim(), equation, `step ${i}`);
      const active = await page
        .locator('g.gl-edge.gl-edge--active')
        .evaluateAll((edges) => edges.map((e) => e.getAttribute('data-edge')));
      assert.deepEqual(active, edge === undefined ? [] : [edge], `active edge at step ${i}`);
      assert.equal(
        await page.locator('g.gl-node.gl-node--active').getAttribute('data-node'),
        String(node),
      );
      assert.equal(
        (await panel.waitForPosted((m) => m.type === 'highlightNode' && m.node === node)).node,
        node,
      );
      assert.equal(
        (await page.locator('#gl-step-status').innerText()).trim(),
        `step ${i + 1} of 5`,
      );
    }
    const details = await page.locator('.gl-explain-details li').allInnerTexts();
    assert.deepEqual(details.slice(0, 2), [
      'upstream gradient ∂f/∂q = −4',
      'local gradient ∂q/∂x = 1',
    ]);

    // Gradients not computed yet are hidden; values stay.
    await page.keyboard.press('Home');
    assert.equal((await page.locator('.gl-equation').innerText()).trim(), '∂f/∂f = 1');
    const xEdge = page.locator(`g.gl-edge[data-edge="${edgeKey(id.q!, id.x!, 0)}"]`);
    assert.equal(await xEdge.locator('text.gl-grad').isVisible(), false);
    assert.equal(await xEdge.locator('text.gl-value').isVisible(), true);
    await page.keyboard.press('End');
    assert.equal(await xEdge.locator('text.gl-grad').isVisible(), true);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('g.gl-edge.gl-edge--active').count(), 0);
    await panel.waitForPosted((m) => m.type === 'highlightNode' && m.node === null);
  });

  it('plays the backward pass on its own', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    await page.locator('#gl-speed').selectOption('250');
    await page.locator('button[data-action="play"]').click();
    await page
      .locator('.gl-equation', { hasText: '∂f/∂x = ∂f/∂q · ∂q/∂x = (−4) · 1 = −4' })
      .waitFor({ timeout: 5_000 });
    await page.locator('button[data-action="play"]', { hasText: 'Play' }).waitFor();
  });

  it('steps through the forward pass', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    await page.locator('#gl-mode').selectOption('forward');
    assert.equal(
      (await page.locator('.gl-equation').innerText()).trim(),
      'q = x + y = (−2) + 5 = 3',
    );
    const fEdge = page.locator(`g.gl-edge[data-edge="${edgeKey(id.f!, id.q!, 0)}"]`);
    assert.equal(await fEdge.locator('text.gl-value').isVisible(), true);
    assert.equal(await page.locator('text.gl-grad').first().isVisible(), false);
    await page.keyboard.press('ArrowRight');
    assert.equal(
      (await page.locator('.gl-equation').innerText()).trim(),
      'f = q × z = 3 × (−4) = −12',
    );
  });

  it('edits z in the table: posts setValues, then shows the new gradients', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    const edit = page.locator('tr[data-name="z"] .gl-edit');
    await edit.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    const posted = await panel.waitForPosted((m) => m.type === 'setValues');
    assert.deepEqual(posted, { type: 'setValues', values: { z: 2 } });

    // The host inspects again with z = 2 and sends the new snapshot.
    await panel.sendSnapshot(await referenceAt({ z: 2 }));
    assert.deepEqual(await row(panel, 'x'), ['x', '−2', '2']);
    assert.deepEqual(await row(panel, 'y'), ['y', '5', '2']);
    assert.deepEqual(await row(panel, 'z'), ['z', '2', '3']);
    assert.equal((await page.locator('#gl-output').innerText()).trim(), 'f = 6');
    const xEdge = page.locator(`g.gl-edge[data-edge="${edgeKey(id.q!, id.x!, 0)}"]`);
    assert.equal(await xEdge.locator('text.gl-grad').textContent(), '2');

    // Something that is not a number is refused in place.
    await edit.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('two');
    await page.keyboard.press('Enter');
    assert.equal(await edit.getAttribute('aria-invalid'), 'true');
    assert.equal((await panel.posted()).filter((m) => m.type === 'setValues').length, 1);
  });

  it('lists an input f does not use apart, under "not used by f", with its value and no gradient', async () => {
    const python = REBINDING[0]!;
    const inspection = await inspectionOf({ source: python.source, language: 'python' });
    const values = {};
    const rebound: PanelInspection = {
      uri: 'file:///work/rebound.py',
      fileName: 'rebound.py',
      result: inspection.result,
      values: inspection.values,
      lineOffset: 0,
      outputChosen: false,
      request: { selection: inspection.program.range, values },
    };
    await panel.sendSnapshot(rebound);
    const { page } = panel;
    assert.deepEqual(await row(panel, 'x'), ['x', '−2', '3']);
    assert.deepEqual(await row(panel, 'y'), ['y', '5', '1']);
    const usedRows = page.locator('#gl-inputs > tbody:not(.gl-unused) > tr');
    assert.deepEqual(
      await usedRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))),
      ['y', 'x'],
    );
    const unused = page.locator('#gl-unused');
    assert.equal(
      (await unused.locator('tr.gl-unused-heading').innerText()).trim(),
      'not used by f',
    );
    assert.deepEqual(await row(panel, 'x (line 1)'), ['x (line 1)', '−2', '']);
    assert.equal(await unused.locator('tr[data-name="x (line 1)"]').count(), 1);
    assert.doesNotMatch(await unused.innerText(), /\b0\b|NaN/);

    // Its value is editable like the others: a new value may change what f uses.
    const edit = unused.locator('tr[data-name="x (line 1)"] .gl-edit');
    await edit.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted((m) => m.type === 'setValues'), {
      type: 'setValues',
      values: { 'x (line 1)': 7 },
    });

    // In the graph and the details: not used by f, no gradient on its edges.
    const node = page.locator('g.gl-node[data-node="0"]');
    assert.equal(await node.getAttribute('aria-label'), 'x (line 1) = −2, not used by f');
    assert.equal(await page.locator('g.gl-edge[data-to="0"] text.gl-grad').count(), 0);
    await node.hover();
    const details = page.locator('#gl-details');
    await details.locator('h3', { hasText: 'x (line 1)' }).waitFor();
    const text = await details.innerText();
    assert.ok(text.includes('not used by f'), text);
    assert.doesNotMatch(text, /∂f\/∂x/);
    // The constant 3 on the path: its value on its edge, no gradient.
    assert.equal(await page.locator('g.gl-edge[data-to="4"] text.gl-grad').count(), 0);
    assert.equal(await page.locator('g.gl-edge[data-to="4"] text.gl-value').textContent(), '3');

    // f0 reads the unused binding: its forward-mode section names it.
    await page.locator('g.gl-node[data-node="2"]').hover();
    await details.locator('h3', { hasText: 'f0' }).waitFor();
    assert.deepEqual(
      (await details.locator('.gl-sensitivities li').allInnerTexts()).map((t) => t.trim()),
      ['∂f0/∂y = −2', '∂f0/∂x (line 4) = 0', '∂f0/∂x (line 1) = 5'],
    );
    assert.ok((await details.innerText()).includes('does not reach f'));
  });

  it('shows node details on hover and selects the source on click', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    await page.locator(`g.gl-node[data-node="${id.q}"]`).hover();
    const details = page.locator('#gl-details');
    await details.locator('h3', { hasText: 'q' }).waitFor();
    const text = await details.innerText();
    for (const part of [
      'operation add (+)',
      'q = 3',
      '∂f/∂q = −4',
      '∂q/∂x = 1',
      '∂q/∂y = 1',
      'distributor',
      'reference.py, line 4',
    ]) {
      assert.ok(text.includes(part), `details lack ${part}: ${text}`);
    }
    await page.locator(`g.gl-node[data-node="${id.q}"]`).click();
    assert.deepEqual(await panel.waitForPosted((m) => m.type === 'selectNode'), {
      type: 'selectNode',
      node: id.q,
      reveal: true,
    });
    await details.locator('button[data-action="choose-output"]').click();
    assert.deepEqual(await panel.waitForPosted((m) => m.type === 'chooseOutput'), {
      type: 'chooseOutput',
      node: id.q,
    });

    // The hover's "Show in graph" arrives as selectNode from the host.
    await panel.send({ type: 'selectNode', node: id.y });
    await page.locator(`g.gl-node.gl-node--selected[data-node="${id.y}"]`).waitFor();
  });

  it('details say how a node moves with each input (forward mode), agreeing with the gradients at f', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    const details = page.locator('#gl-details');
    const sensitivities = async (node: number, title: string): Promise<string[]> => {
      // On the node's shape: the output's group also holds its wire, right of the shape.
      await page.locator(`g.gl-node[data-node="${node}"] > :is(circle, rect)`).hover();
      await details.locator('h3', { hasText: title }).waitFor();
      return (await details.locator('.gl-sensitivities li').allInnerTexts()).map((t) => t.trim());
    };
    assert.deepEqual(await sensitivities(id.q!, 'q'), ['∂q/∂x = 1', '∂q/∂y = 1', '∂q/∂z = 0']);
    assert.deepEqual(await sensitivities(id.f!, 'f'), ['∂f/∂x = −4', '∂f/∂y = −4', '∂f/∂z = 3']);
    await page.locator(`g.gl-node[data-node="${id.x}"]`).hover();
    await details.locator('h3', { hasText: 'x' }).waitFor();
    assert.equal(await details.locator('.gl-sensitivities').count(), 0);
  });

  it('keyboard: Tab moves between nodes, each with an accessible label; Enter selects', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    const labels = await page
      .locator('g.gl-node')
      .evaluateAll((nodes) =>
        nodes.map((n) => [n.getAttribute('tabindex'), n.getAttribute('aria-label')]),
      );
    assert.equal(labels.length, 5);
    for (const [tabindex, label] of labels) {
      assert.equal(tabindex, '0');
      assert.ok(label !== null && label.length > 0);
    }
    await page.locator(`g.gl-node[data-node="${id.x}"]`).focus();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } | null };
          }
        ).document;
        return d.activeElement?.getAttribute('aria-label') ?? null;
      });
    assert.equal(await focused(), 'y = 5, ∂f/∂y = −4');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'q = 3, ∂f/∂q = −4');
    assert.ok((await page.locator('#gl-details').innerText()).includes('∂q/∂x = 1'));
    await page.keyboard.press('Enter');
    assert.deepEqual(await panel.waitForPosted((m) => m.type === 'selectNode'), {
      type: 'selectNode',
      node: id.q,
      reveal: true,
    });
  });

  it('exports PNG (rendered here, under the CSP), SVG, DOT and copies the table', async () => {
    await panel.sendSnapshot(reference);
    const { page } = panel;
    await page.locator('button[data-action="export-png"]').click();
    const png = await panel.waitForPosted((m) => m.type === 'exportPng');
    const dataUrl = String(png.dataUrl);
    assert.ok(dataUrl.startsWith('data:image/png;base64,'));
    const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.readUInt32BE(16) > 100, 'PNG width');
    await page.locator('button[data-action="export-svg"]').click();
    assert.deepEqual(await panel.waitForPosted((m) => m.type === 'exportSvg'), {
      type: 'exportSvg',
      view: { colors: 'light', hideConstants: false, hideOffPath: false },
    });
    await page.locator('button[data-action="export-dot"]').click();
    await panel.waitForPosted((m) => m.type === 'exportDot');
    await page.locator('button[data-action="copy-latex"]').click();
    assert.deepEqual(await panel.waitForPosted((m) => m.type === 'copyTable'), {
      type: 'copyTable',
      format: 'latex',
    });
  });

  it('hides constants, finds a name, zooms and fits', async () => {
    const inspection = await inspectionOf({
      source: 'f = 2x + y',
      language: 'math',
      values: { x: 1, y: 3 },
    });
    await panel.sendSnapshot({
      ...reference,
      result: inspection.result,
      values: inspection.values,
    });
    const { page } = panel;
    assert.equal(await page.locator('g.gl-node.gl-node--constant').count(), 1);
    await page.locator('#gl-hide-constants').check();
    assert.equal(await page.locator('g.gl-node.gl-node--constant').count(), 0);
    assert.equal(await page.locator('g.gl-node').count(), 4);
    await page.locator('#gl-find').fill('y');
    assert.equal(await page.locator('g.gl-node.gl-node--match').count(), 1);
    await page.locator('#gl-find').press('Enter');
    await page.locator('g.gl-node.gl-node--selected.gl-node--match').waitFor();
    const stage = page.locator('.gl-stage');
    const before = await stage.evaluate(
      (e) => (e as unknown as { style: { transform: string } }).style.transform,
    );
    await page.locator('button[data-action="zoom-in"]').click();
    await page.waitForFunction(
      (old) =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { style: { transform: string } } };
          }
        ).document.querySelector('.gl-stage').style.transform !== old,
      before,
    );
    await page.locator('button[data-action="fit"]').click();
    const state = (await panel.savedState()) as { ui: { hideConstants: boolean } };
    assert.equal(state.ui.hideConstants, true);
  });

  it('drops malformed messages (and says so) and escapes names from the document', async () => {
    await panel.send({ type: 'runScript', code: 'alert(1)' });
    await panel.send({ type: 'snapshot', inspection: 42, settings: {}, selectedNode: null });
    const dropped = await panel.waitForPosted(
      (m) => m.type === 'log' && String(m.message).includes('snapshot'),
    );
    assert.equal(dropped.level, 'warn');
    assert.ok(
      (await panel.posted()).some(
        (m) => m.type === 'log' && String(m.message).includes('runScript'),
      ),
    );

    const hostile = '<img src=x onerror=alert(1)>';
    const result: InspectionResult = {
      ...reference.result,
      output: { ...reference.result.output, name: hostile },
      inputs: reference.result.inputs.map((input) => ({
        ...input,
        name: `${input.name}${hostile}`,
      })),
      nodes: reference.result.nodes.map((node) => ({
        ...node,
        label: `${node.label}${hostile}`,
        name: hostile,
      })),
    };
    await panel.sendSnapshot({ ...reference, result });
    assert.equal(await panel.page.locator('img').count(), 0);
    assert.ok((await panel.page.locator('#gl-output').innerText()).includes(hostile));
  });

  it('keeps its state and comes back at the same step after a reload', async () => {
    await panel.sendSnapshot(reference);
    await panel.page.locator('button[data-action="first"]').click();
    await panel.page.keyboard.press('ArrowRight');
    await panel.page.keyboard.press('ArrowRight');
    const state = (await panel.savedState()) as {
      uri: string;
      ui: { index: number };
      request: unknown;
    };
    assert.equal(state.uri, URI);
    assert.equal(state.ui.index, 2);
    assert.deepEqual(state.request, reference.request);

    await panel.load(state);
    await panel.sendSnapshot(reference);
    assert.equal(
      (await panel.page.locator('.gl-equation').innerText()).trim(),
      '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · (−4) = −4',
    );
  });

  it('draws a snapshot that arrives as UTF-8 JSON bytes, as a worker inspection does', async () => {
    await panel.sendEncodedSnapshot(reference, { precision: 6 });
    const { page } = panel;
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 5);
    assert.equal((await page.locator('#gl-output').innerText()).trim(), 'f = −12');
    assert.deepEqual(await row(panel, 'x'), ['x', '−2', '−4']);
  });

  it('drops bytes that are not a message, and says so', async () => {
    await panel.clearPosted();
    await panel.page.evaluate(() => {
      const json = new Uint8Array([123, 34, 116, 121]);
      (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(
        { type: 'encoded', json },
        '*',
      );
    });
    const logged = await panel.waitForPosted((message) => message.type === 'log');
    assert.match(String(logged.message), /dropped a message/);
  });

  it('asks before drawing a graph above the node limit; the table works without the drawing', async () => {
    const { page } = panel;
    await panel.sendSnapshot(reference, undefined, { precision: 6, askBeforeDrawing: 4 });
    const prompt = page.locator('#gl-prompt');
    assert.ok(await prompt.isVisible());
    assert.match(await prompt.innerText(), /This graph has 5 nodes/);
    assert.equal(await page.locator('svg.gl-graph').count(), 0);
    assert.deepEqual(await row(panel, 'z'), ['z', '−4', '3']);
    await page.keyboard.press('ArrowRight');
    assert.match(await page.locator('.gl-equation').innerText(), /∂f\/∂f = 1/);
    await page.locator('#gl-prompt [data-action="draw-anyway"]').click();
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 5);
    assert.ok(!(await prompt.isVisible()));
    // Agreed once for this document: a new inspection of it is drawn at once.
    await panel.sendSnapshot(reference, undefined, { precision: 6, askBeforeDrawing: 4 });
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 5);
    assert.ok(!(await prompt.isVisible()));
  });

  it('without a limit from the host, asks only above the default of the setting', async () => {
    await panel.sendSnapshot(reference);
    assert.ok(!(await panel.page.locator('#gl-prompt').isVisible()));
    const setting =
      PACKAGE.contributes.configuration.properties['gradientLens.panel.askBeforeDrawing'];
    assert.equal(setting?.default, ASK_BEFORE_DRAWING_NODES);
  });

  it('collapses and expands a loop group, and steps a whole iteration at once', async () => {
    const source = '\\sum_{i=1}^{3} w_i x_i   % at: w=[1, 2, 3], x=[4, 5, 6]';
    const inspection = await inspectionOf({ source, language: 'math' });
    const result = inspection.result;
    await panel.sendSnapshot({
      uri: 'file:///work/sum.md',
      fileName: 'sum.md',
      result,
      values: inspection.values,
      lineOffset: 0,
      outputChosen: false,
      request: { selection: inspection.program.range, values: {} },
    });
    const { page } = panel;
    // Six inputs, three products, two additions; a box per iteration inside the loop's box.
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 11);
    assert.equal(await page.locator('svg.gl-graph g.gl-cluster').count(), 4);
    assert.equal(
      await page.locator('g.gl-cluster[data-group="2"] .gl-cluster-label').textContent(),
      '▾ i = 2',
    );

    // Collapse the loop: one node stands for it, the edges of w and x run into it.
    await page.locator('g.gl-cluster[data-group="0"] .gl-cluster-label').click();
    const box = page.locator('g.gl-node.gl-node--group[data-group="0"]');
    await box.waitFor();
    assert.equal(await box.locator('text.gl-symbol').textContent(), '▸ ∑ i = 1…3 · 3 iterations');
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 7);
    assert.equal(await page.locator('svg.gl-graph g.gl-cluster').count(), 0);
    const into = await page
      .locator('g.gl-edge')
      .evaluateAll((edges) => edges.map((e) => e.getAttribute('data-from')));
    assert.equal(into.length, 6);
    assert.ok(into.every((from) => from === String(result.output.id)));

    // Expand it again, with the keyboard on the collapsed node.
    await box.focus();
    await page.keyboard.press('Enter');
    await page.locator('g.gl-cluster[data-group="0"]').waitFor();
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), 11);

    // ▶▶ (or ]) runs one whole iteration of the backward pass: iteration 3 first, then 2.
    const groupOfStep = (at: number): number | undefined => {
      const step = result.steps[at]!;
      return result.nodes[step.kind === 'seed' ? step.node : step.from]?.group;
    };
    let end = 0;
    while (groupOfStep(end + 1) === 3) {
      end += 1;
    }
    await page.locator('button[data-action="next-group"]').click();
    assert.equal(
      (await page.locator('#gl-step-status').innerText()).trim(),
      `step ${end + 1} of ${result.steps.length}`,
    );
    let next = end + 1;
    while (groupOfStep(next + 1) === 2) {
      next += 1;
    }
    await page.keyboard.press(']');
    assert.equal(
      (await page.locator('#gl-step-status').innerText()).trim(),
      `step ${next + 1} of ${result.steps.length}`,
    );
    assert.deepEqual(await panel.problems(), []);
  });

  it('is drawn in the light and the dark theme (screenshots)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await panel.setTheme(theme);
      await panel.sendSnapshot(reference);
      await panel.page.locator('button[data-action="first"]').click();
      for (let i = 0; i < 3; i += 1) {
        await panel.page.keyboard.press('ArrowRight');
      }
      await panel.page.mouse.move(0, 0);
      await panel.page.screenshot({ path: join(SCREENSHOTS, `panel-${theme}.png`) });
      await panel.page.keyboard.press('Escape');
    }
  });
});
