/**
 * The backward check's marks in the graph panel page (Debian's Chromium): the hand-written
 * gradient beside the engine's on each edge of a checked value, a wrong one marked ✗ in the
 * theme's error colour, the explanation in the tooltip and the node details, text escaped.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { backwardMarks, type BackwardMark } from '../../src/present/backwardMarks';
import type { PanelInspection } from '../../src/protocol/protocol';
import { reportOf } from '../core/handBackward/backwardReport';
import { tensorSnapshotMessage } from '../../src/protocol/messages';
import { inspectionOf, linesRange } from '../support/inspections';
import { reluPanel } from '../support/reluTensor';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const HOSTILE = '<img src=x onerror=alert(1)>';
const URI = 'file:///work/backward.py';

// dx forgets the `+ x` path: hand-written 24 where PyTorch 1.13 gives x.grad 16; dy = −16 is right.
const SOURCE = [
  'x = 2.0',
  'y = -3.0',
  'z = x * y + x',
  'f = z * z',
  'dfdz = 2 * z',
  'dx = dfdz * (y)',
  'dy = dfdz * x',
].join('\n');

async function setUp(): Promise<{ inspection: PanelInspection; marks: readonly BackwardMark[] }> {
  const [inspected, report] = await Promise.all([
    inspectionOf({ source: SOURCE, language: 'python', selection: linesRange(SOURCE, 0, 3) }),
    reportOf(SOURCE),
  ]);
  const inspection: PanelInspection = {
    uri: URI,
    fileName: 'backward.py',
    result: inspected.result,
    values: inspected.values,
    lineOffset: 0,
    outputChosen: false,
    request: inspected.request,
  };
  const marks = backwardMarks(report, inspected.result).map((mark) =>
    mark.explanation === undefined
      ? mark
      : { ...mark, explanation: `${mark.explanation} ${HOSTILE}` },
  );
  return { inspection, marks };
}

describe('graph panel page: the hand-written gradients beside the engine’s', function () {
  this.timeout(20_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;
  let inspection: PanelInspection;
  let marks: readonly BackwardMark[];

  before(async function () {
    this.timeout(30_000);
    let setup: Awaited<ReturnType<typeof setUp>>;
    [browser, files, setup] = await Promise.all([launchChromium(), buildPanelFiles(), setUp()]);
    ({ inspection, marks } = setup);
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
    await panel.setTheme('light');
    await panel.sendSnapshot(inspection);
    await panel.send({ type: 'backwardMarks', uri: URI, marks });
    await panel.page.locator('.gl-hand').first().waitFor();
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  function idOf(name: string): number {
    const id =
      inspection.result.inputs.find((input) => input.name === name)?.id ??
      inspection.result.nodes.find((node) => node.name === name)?.id;
    assert.ok(id !== undefined, name);
    return id;
  }

  it('draws the hand-written number beside the engine’s, a wrong one ✗ in the error colour', async () => {
    const { page } = panel;
    const wrong = page.locator(`g.gl-node[data-node="${idOf('x')}"] > text.gl-hand`);
    // The text without its tooltip: the title is the text element's last child.
    const label = (locator: typeof wrong) =>
      locator.evaluate((element) => element.firstChild?.textContent ?? '');
    assert.equal(await label(wrong), '∂ 16 · hand 24 ✗');
    assert.equal(await wrong.getAttribute('class'), 'gl-hand gl-hand--wrong');
    const fill = await wrong.evaluate(
      (element) => element.ownerDocument.defaultView?.getComputedStyle(element).fill,
    );
    assert.equal(fill, 'rgb(248, 81, 73)', 'the theme’s errorForeground');
    const right = page.locator(`g.gl-node[data-node="${idOf('y')}"] > text.gl-hand`);
    assert.equal(await label(right), '∂ −16 · hand −16 ✓');
    assert.equal(await right.getAttribute('class'), 'gl-hand gl-hand--correct');
    const step = page.locator(`g.gl-node[data-node="${idOf('z')}"] > text.gl-hand`);
    assert.equal(await label(step), '∂ −8 · hand −8 ✓');
    // Under the node's shape, not over it (in the drawing's coordinates: pan and zoom aside).
    const box = (locator: typeof wrong) =>
      locator.evaluate((element) => {
        const { y, height } = (
          element as unknown as { getBBox(): { y: number; height: number } }
        ).getBBox();
        return { y, height };
      });
    const shape = await box(page.locator(`g.gl-node[data-node="${idOf('x')}"] .gl-shape`));
    const text = await box(wrong);
    assert.ok(text.y >= shape.y + shape.height, JSON.stringify({ shape, text }));
  });

  it('says the verdict and the explanation in the tooltip and the node details, as text', async () => {
    const { page } = panel;
    const x = idOf('x');
    const title = await page.locator(`g.gl-node[data-node="${x}"] > title`).textContent();
    assert.ok((title ?? '').includes(`✗ hand-written dx: wrong`), title ?? '');
    assert.ok((title ?? '').includes(HOSTILE), 'the explanation, as text');
    const spoken = await page.locator(`g.gl-node[data-node="${x}"]`).getAttribute('aria-label');
    assert.match(spoken ?? '', /; ✗ hand-written dx: wrong/);
    await panel.send({ type: 'selectNode', node: x });
    const details = page.locator('#gl-details .gl-hand-details li');
    await details.first().waitFor();
    const text = await details.first().textContent();
    assert.ok((text ?? '').startsWith('✗ hand-written dx: wrong (max rel. error 0.33'), text ?? '');
    assert.ok((text ?? '').includes('missing'), text ?? '');
    assert.equal(await page.locator('img').count(), 0, 'text from the document stays text');
  });

  it('replaces the marks after a re-check and drops them with a new snapshot', async () => {
    const { page } = panel;
    const count = await page.locator('.gl-hand').count();
    assert.equal(count, 3);
    const fixed = marks.map((mark) =>
      mark.gradient === 'dx'
        ? {
            ...mark,
            verdict: 'correct' as const,
            hand: { kind: 'scalar' as const, value: 16, engine: 16 },
          }
        : mark,
    );
    await panel.send({ type: 'backwardMarks', uri: URI, marks: fixed });
    const x = page.locator(`g.gl-node[data-node="${idOf('x')}"] > text.gl-hand`);
    assert.equal(
      await x.evaluate((element) => element.firstChild?.textContent),
      '∂ 16 · hand 16 ✓',
    );
    assert.equal(await page.locator('.gl-hand').count(), count, 'replaced, not added');
    assert.equal(await page.locator('.gl-hand--wrong').count(), 0);
    const spoken = await page
      .locator(`g.gl-node[data-node="${idOf('x')}"]`)
      .getAttribute('aria-label');
    assert.equal((spoken ?? '').match(/hand-written/g)?.length, 1, 'replaced, not added');
    await panel.sendSnapshot(inspection);
    assert.equal(await page.locator('.gl-hand').count(), 0);
  });

  it('drops a malformed marks message, saying why, and keeps the marks it has', async () => {
    const { page } = panel;
    await panel.clearPosted();
    const broken = marks.map((mark) => ({ ...mark, verdict: 'fine' }));
    await panel.send({ type: 'backwardMarks', uri: URI, marks: broken });
    const log = await panel.waitForPosted((message) => message.type === 'log');
    assert.match(String(log.message), /dropped a message: backwardMarks/);
    assert.equal(await page.locator('.gl-hand--wrong').count(), 1);
  });

  it('lists code with arrays with the mark after the gradient of the checked rows', async () => {
    const { page } = panel;
    const relu = reluPanel();
    await panel.send(tensorSnapshotMessage(relu, { precision: 6 }), true);
    await page.locator('#gl-tensor-inputs').waitFor();
    const mark: BackwardMark = {
      node: 0,
      gradient: 'dx',
      verdict: 'wrong',
      maxRelativeError: 1,
      hand: { kind: 'tensor', shape: [3], worst: { index: [1], handWritten: -4, engine: 0 } },
      explanation: `wrong exactly where the mask is ${HOSTILE}`,
    };
    await panel.send({ type: 'backwardMarks', uri: relu.uri, marks: [mark] });
    const cell = page.locator('#gl-tensor-inputs tr[data-node="0"] td.gl-gradient');
    await cell.locator('.gl-hand').first().waitFor();
    const label = cell.locator('.gl-hand--wrong');
    assert.equal(await label.textContent(), ' · hand dx (3) ✗');
    assert.equal(
      await cell.locator('.gl-hand-detail').textContent(),
      ` ✗ hand-written dx: wrong (max rel. error 1); worst [1]: hand −4, engine 0 — wrong exactly where the mask is ${HOSTILE}`,
    );
    assert.equal(await page.locator('img').count(), 0, 'text from the document stays text');
    // Rows of other nodes carry no mark.
    assert.equal(await page.locator('tr:not([data-node="0"]) .gl-hand').count(), 0);
  });

  it('ignores the marks of another document', async () => {
    await panel.sendSnapshot(inspection);
    await panel.send({ type: 'backwardMarks', uri: 'file:///work/other.py', marks });
    await panel.send({ type: 'selectNode', node: idOf('x') });
    await panel.page.locator('#gl-details h3').waitFor();
    assert.equal(await panel.page.locator('.gl-hand').count(), 0);
  });
});
