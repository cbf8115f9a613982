// The graph panel benchmark in headless Chromium (Debian's, driven by playwright-core; never a
// downloaded browser): the real panel page (src/webview, bundled as the build does, under its
// Content-Security-Policy) receives a snapshot of graphs of about 200 and 2,000 nodes of four
// shapes and draws them. Prints one markdown table and the target checks; exit code 1 when a
// target is missed.
//
//   drawn      message received → graph, table and explanation in the DOM (the page's own work:
//              check the message, lay out, write the SVG, parse it, mark the step)
//   frame      message received → the next frame after layout (what the user waits for)
//   update     the same snapshot again: message → next frame
//   live       the same graph with new numbers (an input edited): message → next frame; the
//              drawing is changed in place (target < 50 ms at 200 nodes)
//   step       one backward step (→ key): marks on every edge, explanation, highlight
//   pan/zoom   60 alternating Ctrl+wheel zooms and drags, one per frame: median and worst
//              frame interval
//
// Targets: frame < 150 ms at 200 nodes and < 1 s at 2,000 nodes; pan/zoom median frame
// < 50 ms (responsive) at 2,000 nodes.
import * as esbuild from 'esbuild';
import { Buffer } from 'node:buffer';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, missingChromium } from '../scripts/lib/chromium.cjs';
import { deepChain, named, network, randomDag, wideSum } from './graphs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORIGIN = 'https://gradient-lens.bench';
const NONCE = 'YmVuY2gtbm9uY2UtMTIzNDU2';
const TARGETS_MS = { 200: 150, 2000: 1000 };
const PAN_ZOOM_TARGET_MS = 50;
const LIVE_TARGET_MS = { 200: 50 };
const RUNS = 5;

if (missingChromium() !== undefined) {
  console.error(missingChromium());
  process.exit(1);
}

async function bundle(entry, options) {
  const built = await esbuild.build({
    bundle: true,
    write: false,
    logLevel: 'warning',
    absWorkingDir: root,
    ...entry,
    ...options,
  });
  return built.outputFiles[0].text;
}

const [nodeSide, script, style] = await Promise.all([
  bundle(
    {
      stdin: {
        contents: [
          "export { GraphBuilder } from './src/engine/graphBuilder';",
          "export { inspectGraph } from './src/engine/inspect';",
          "export { snapshotMessage } from './src/protocol/messages';",
          "export { panelHtml } from './src/present/panelHtml';",
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
    },
    { format: 'esm', platform: 'neutral' },
  ),
  bundle(
    { entryPoints: ['src/webview/main.ts'] },
    { platform: 'browser', format: 'iife', target: 'chrome120', minify: true },
  ),
  bundle({ entryPoints: ['src/webview/panel.css'] }, { minify: true }),
]);
const { GraphBuilder, inspectGraph, snapshotMessage, panelHtml } = await import(
  `data:text/javascript;base64,${Buffer.from(nodeSide).toString('base64')}`
);

const SHAPES = [
  ['random DAG, cold', (size) => named(randomDag(GraphBuilder, size, 9), 9)],
  ['network', (size) => network(GraphBuilder, size)],
  ['random DAG', (size) => named(randomDag(GraphBuilder, size, 7), 7)],
  ['deep chain', (size) => named(deepChain(GraphBuilder, Math.round(size * 0.8), 3), 3)],
  ['wide sum', (size) => named(wideSum(GraphBuilder, Math.round(size / 3), 5), 5)],
];

const INIT_SCRIPT = `(function () {
  window.acquireVsCodeApi = function () {
    return { postMessage: function () {}, getState: function () {}, setState: function () {} };
  };
})();`;

/** In the page: posts the snapshot stored in window[name] and times it. */
const drawing = (name) => `(async () => {
  const t0 = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: window.${name} }));
  const drawn = performance.now() - t0;
  document.body.getBoundingClientRect();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return { drawn, frame: performance.now() - t0, edges: document.querySelectorAll('g.gl-edge').length };
})()`;
const DRAW = drawing('__snapshot');
const LIVE = drawing('__live');

const STEP = `(() => {
  const t0 = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return performance.now() - t0;
})()`;

/** 60 zooms and pans, one per frame, through the viewport's own wheel and pointer handlers. */
const PAN_ZOOM = `(async () => {
  const viewport = document.querySelector('.gl-viewport');
  const box = viewport.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true };
  const frames = [];
  let last = await new Promise((resolve) => requestAnimationFrame(resolve));
  for (let i = 0; i < 60; i += 1) {
    if (i % 2 === 0) {
      viewport.dispatchEvent(new WheelEvent('wheel', { ...at, ctrlKey: true, deltaY: i % 4 === 0 ? -120 : 120 }));
    } else {
      viewport.dispatchEvent(new WheelEvent('wheel', { ...at, deltaX: 40, deltaY: 25 }));
    }
    const now = await new Promise((resolve) => requestAnimationFrame(resolve));
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  return { median: frames[frames.length >> 1], worst: frames[frames.length - 1] };
})()`;

/** The panel's snapshot message of a result, as the host sends it. */
function snapshotOf(result, values) {
  return snapshotMessage(
    {
      uri: 'file:///bench.py',
      fileName: 'bench.py',
      result,
      values,
      lineOffset: 0,
      outputChosen: false,
      request: {
        selection: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
        values,
      },
    },
    { precision: 6 },
    undefined,
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (value) =>
  value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
const thousands = (value) => value.toLocaleString('en-US');

const browser = await launchChromium();
const rows = [];
const misses = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  const html = panelHtml({
    cspSource: ORIGIN,
    nonce: NONCE,
    scriptUri: `${ORIGIN}/webview.js`,
    styleUri: `${ORIGIN}/webview.css`,
  });
  const files = {
    '/index.html': ['text/html', html],
    '/webview.js': ['text/javascript', script],
    '/webview.css': ['text/css', style],
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const found = files[new URL(route.request().url()).pathname];
    return found === undefined
      ? route.fulfill({ status: 404, body: '' })
      : route.fulfill({ status: 200, contentType: found[0], body: found[1] });
  });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));

  // SIZES=200 runs the 200-node graphs only.
  for (const size of (process.env.SIZES ?? '200,2000').split(',').map(Number)) {
    for (const [label, make] of SHAPES) {
      const { graph, values } = make(size);
      const result = inspectGraph(graph, values, { maxSymbolicNodes: 0 });
      const snapshot = snapshotOf(result, values);
      // Every input edited: new numbers all over the same graph.
      const edited = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [name, value * 0.9 + 0.1]),
      );
      const live = snapshotOf(inspectGraph(graph, edited, { maxSymbolicNodes: 0 }), edited);
      const draws = [];
      const updates = [];
      const lives = [];
      const steps = [];
      let edges = 0;
      let panZoom;
      for (let run = 0; run < RUNS; run += 1) {
        // A fresh page each run: the first drawing of a graph, as when the panel opens.
        await page.goto(`${ORIGIN}/index.html`);
        await page.evaluate(
          ([data, liveData]) => {
            globalThis.__snapshot = data;
            globalThis.__live = liveData;
          },
          [snapshot, live],
        );
        const draw = await page.evaluate(DRAW);
        draws.push(draw);
        edges = draw.edges;
        updates.push((await page.evaluate(DRAW)).frame);
        lives.push((await page.evaluate(LIVE)).frame);
        steps.push(await page.evaluate(STEP));
        if (run === 0 && size === 2000) {
          panZoom = await page.evaluate(PAN_ZOOM);
        }
      }
      const drawn = median(draws.map((d) => d.drawn));
      const frame = median(draws.map((d) => d.frame));
      const target = TARGETS_MS[size];
      const ok = frame < target;
      if (!ok) misses.push(`${label} ${size}: first frame ${ms(frame)} ms ≥ ${target} ms`);
      const liveTarget = LIVE_TARGET_MS[size];
      const liveMs = median(lives);
      if (liveTarget !== undefined && liveMs >= liveTarget) {
        misses.push(`${label} ${size}: live update ${ms(liveMs)} ms ≥ ${liveTarget} ms`);
      }
      if (panZoom !== undefined && panZoom.median >= PAN_ZOOM_TARGET_MS) {
        misses.push(`${label} ${size}: pan/zoom median frame ${ms(panZoom.median)} ms`);
      }
      const panZoomText =
        panZoom === undefined ? '—' : `${ms(panZoom.median)} / ${ms(panZoom.worst)}`;
      rows.push(
        `| ${label} | ${thousands(result.nodes.length)} | ${thousands(edges)} | ${ms(drawn)} | ${ms(frame)} | < ${thousands(target)} ${ok ? '✓' : '✗'} | ${ms(median(updates))} | ${ms(liveMs)} | ${ms(median(steps))} | ${panZoomText} |`,
      );
      process.stderr.write(`${label} ${size} done\n`);
    }
  }
} finally {
  await browser.close();
}

console.log(
  '\nThe graph panel in headless Chromium (bench/panel.mjs: snapshot message → drawn page; median of 5 fresh pages)\n',
);
console.log(
  '| graph | nodes | edges | drawn ms | first frame ms | target ms | update ms | live ms | step ms | pan/zoom frame ms (median / worst) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log('');
if (misses.length > 0) {
  console.log(`Targets missed: ${misses.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log(
    `Targets met: first frame < 150 ms at 200 nodes and < 1 s at 2,000; live update < 50 ms at 200; pan/zoom median frame < ${PAN_ZOOM_TARGET_MS} ms at 2,000.`,
  );
}
