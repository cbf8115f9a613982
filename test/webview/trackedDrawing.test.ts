import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './panelPage';

/** Two drawings of one graph: the same tags in the same order, other numbers and places. */
const BEFORE = [
  '<svg xmlns="http://www.w3.org/2000/svg" class="gl-graph" aria-label="f = 1.5" width="90">',
  '<style>.a{fill:red}</style>',
  '<g class="gl-edge" data-edge="2-1-0"><path d="M0,0h10"/><text class="gl-value" x="5">0.25</text>',
  '<text class="gl-grad" x="5">−1</text></g>',
  '<g class="gl-node" data-node="2" aria-label="f = 1.5"><title>f = 1.5</title>',
  '<circle cx="40" cy="20" r="22"/><text class="gl-symbol">+</text></g></svg>',
].join('');
const AFTER = BEFORE.replaceAll('1.5', '2.75')
  .replace('0.25', '0.125 &lt; x')
  .replace('h10', 'h12')
  .replace('−1', '−0.5');

/** In the page: BEFORE drawn and tracked, changed by `change`, then updated to AFTER. */
const RUN = (change: string, after = AFTER): string => `(() => {
  const stage = document.createElement('div');
  document.body.replaceChildren(stage);
  stage.innerHTML = ${JSON.stringify(BEFORE)};
  const root = stage.firstElementChild;
  const tracked = new TrackedDrawingBundle.TrackedDrawing(root, ${JSON.stringify(BEFORE)});
  const kept = [...stage.querySelectorAll('*')];
  (${change})(root);
  const updated = tracked.update(${JSON.stringify(after)});
  const fresh = document.createElement('div');
  fresh.innerHTML = ${JSON.stringify(after)};
  return {
    updated,
    same: stage.innerHTML === fresh.innerHTML,
    kept: kept.every((element) => element.isConnected),
  };
})()`;

interface Run {
  readonly updated: boolean;
  readonly same: boolean;
  readonly kept: boolean;
}

describe('a drawing updated by the differences of its markup, in headless Chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let page: Page;

  before(async function () {
    this.timeout(60_000);
    const built = await esbuild.build({
      entryPoints: [join(__dirname, '..', '..', 'src/webview/trackedDrawing.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'TrackedDrawingBundle',
      target: 'chrome120',
      write: false,
      logLevel: 'warning',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: built.outputFiles[0]!.text });
  });

  after(async () => {
    await browser?.close();
  });

  const run = async (change: string, after?: string): Promise<Run> =>
    (await page.evaluate(RUN(change, after))) as Run;

  it('writes new numbers and places into the same elements, ending as the new drawing', async () => {
    assert.deepEqual(await run('() => {}'), { updated: true, same: true, kept: true });
  });

  it('undoes what the page changed since drawing: classes, added marks, texts', async () => {
    const change = `(root) => {
      root.classList.add('gl-stepping');
      root.querySelector('g.gl-edge').classList.add('gl-edge--active');
      root.querySelector('text.gl-grad').firstChild.nodeValue = 'changed';
      root.querySelector('g.gl-node').setAttribute('aria-label', 'f = 1.5; checked');
      const mark = document.createElementNS('http://www.w3.org/2000/svg', 'text');
      mark.textContent = '✓';
      root.querySelector('g.gl-node').append(mark);
    }`;
    assert.deepEqual(await run(change), { updated: true, same: true, kept: true });
  });

  it('leaves a drawing of other tags, or one the page removed from, to the whole comparison', async () => {
    const other = AFTER.replace('<path d="M0,0h12"/>', '<path d="M0,0h12"/><path d="M1,1"/>');
    assert.equal((await run('() => {}', other)).updated, false);
    const removed = `(root) => root.querySelector('title').remove()`;
    assert.equal((await run(removed)).updated, false);
  });
});
