// How long a user waits in the real editor, from "Inspect Derivatives" to (a) the hover at an
// input answering with its gradient and (b) the panel drawn, for generated neuron layers of
// about 30, 300 and 3,000 nodes. The test checks what is shown (the gradient against central
// differences, a drawn panel); the times are printed as a table at the end, and written to
// GRADIENT_LENS_LATENCY_FILE when set (scripts/vscode/bench.mjs runs this five times).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { InspectionStages } from '../../../src/extension/inspectionStages';
import type { GradientLensTestApi } from '../../../src/extension/testApi';
import { reset, type InspectResult } from './helpers';
import {
  assertGradient,
  closePanel,
  hoveredGradient,
  nextDraw,
  openLayer,
  testApi,
  within,
  type LayerEditor,
} from './lensProbe';
import { centralDifference } from '../neuronLayer';

/** One measurement: milliseconds from running the command. */
export interface Latency {
  readonly case: string;
  readonly nodes: number;
  readonly hoverMs: number;
  readonly panelMs: number;
  /** Where the time went (the extension's own marks), if it recorded them. */
  readonly stages?: InspectionStages;
}

/** The layers measured: [neurons, inputs] → 27, 281 and 2,801 nodes. */
const SIZES: readonly (readonly [number, number])[] = [
  [1, 5],
  [20, 2],
  [200, 2],
];

const WAIT_MS = 30_000;

/**
 * Runs the command on the layer's selection and times the first hover that shows ∂L/∂x0 and
 * the panel's `drawn`; checks the gradient, the command's result and the drawing.
 */
async function measure(
  api: GradientLensTestApi,
  probe: LayerEditor,
  label: string,
): Promise<Latency> {
  const uri = probe.editor.document.uri.toString();
  const drawn = nextDraw(api, uri);
  const started = performance.now();
  const command = Promise.resolve(
    vscode.commands.executeCommand<InspectResult>('gradientLens.inspect'),
  );
  let shown = await hoveredGradient(probe);
  while (shown === undefined && performance.now() - started < WAIT_MS) {
    shown = await hoveredGradient(probe);
  }
  const hoverMs = performance.now() - started;
  const result = await within(command, WAIT_MS, 'the inspect command');
  const panel = await within(drawn, WAIT_MS, 'the panel drawing the inspection');
  assertGradient(shown, probe.layer, `${label}: the first hover`);
  assert.ok(result.ok && result.kind === 'scalar', JSON.stringify(result).slice(0, 500));
  const expected = centralDifference(probe.layer, 'x0');
  assert.ok(Math.abs(result.grads.x0! - expected) <= 1e-6 * Math.max(1, Math.abs(expected)));
  assert.ok(panel.snapshot >= 1);
  const nodes = api.nodesOf(uri) ?? 0;
  const stages = api.lastStages();
  return {
    case: label,
    nodes,
    hoverMs,
    panelMs: panel.at - started,
    ...(stages?.uri === uri ? { stages } : {}),
  };
}

/** Sets the test window's invariant checks (undefined: back to the suite's own setting). */
async function invariantChecks(on: boolean | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('gradientLens')
    .update('debug.checkInvariants', on, vscode.ConfigurationTarget.Workspace);
}

function table(rows: readonly Latency[]): string {
  const lines = [
    'Latency in the real VS Code (code-server), ms from the command:',
    '| case                               | nodes | hover answers | panel drawn |',
    '| ---------------------------------- | ----: | ------------: | ----------: |',
    ...rows.map(
      (row) =>
        `| ${row.case.padEnd(34)} | ${String(row.nodes).padStart(5)} | ${row.hoverMs.toFixed(0).padStart(13)} | ${row.panelMs.toFixed(0).padStart(11)} |`,
    ),
  ];
  return lines.join('\n');
}

/** The stages' columns: a header and each stage's milliseconds (NaN: not recorded). */
const STAGES: readonly (readonly [string, (stages: InspectionStages) => number])[] = [
  // From the command: when the result was stored (a hover answers from here) and drawn.
  ['hover ready at', ({ host }) => (host.stored ?? NaN) - host.command],
  ['drawn at', ({ host }) => (host.drawn ?? NaN) - host.command],
  ['to worker', ({ host, job }) => (job?.postedAt ?? NaN) - host.command],
  ['front end+engine', ({ job }) => job?.worker.inspectMs ?? NaN],
  ['panel JSON', ({ job }) => job?.worker.panelJsonMs ?? NaN],
  ['split', ({ job }) => job?.worker.splitMs ?? NaN],
  [
    'worker other',
    ({ job }) =>
      job === undefined
        ? NaN
        : job.startAt -
          job.postedAt -
          job.worker.inspectMs -
          job.worker.panelJsonMs -
          job.worker.splitMs,
  ],
  ['slices', ({ job }) => (job === undefined ? NaN : job.doneAt - job.startAt)],
  ['to store (hover)', ({ host, job }) => (host.stored ?? NaN) - (job?.doneAt ?? NaN)],
  ['store→post', ({ host }) => (host.posted ?? NaN) - (host.stored ?? NaN)],
  [
    'post→page',
    ({ host, page }) =>
      (host.drawn ?? NaN) -
      (host.posted ?? NaN) -
      (page === undefined ? NaN : page.decodeMs + page.checkMs + page.renderMs + page.frameMs),
  ],
  ['decode', ({ page }) => page?.decodeMs ?? NaN],
  ['check', ({ page }) => page?.checkMs ?? NaN],
  ['render', ({ page }) => page?.renderMs ?? NaN],
  ['frame', ({ page }) => page?.frameMs ?? NaN],
];

/**
 * Where each case's time went, in ms: when the hover could answer and the panel was drawn, by
 * the extension's own clock; then the stages in order: the command to the worker; the worker (front end and
 * engine, the panel's JSON, splitting, and the rest: waiting for the thread, the message); the
 * slices' round trips; the host storing the result (the hover answers from here); the store to
 * the panel's snapshot posted (a new panel loads its page first); the post to the page (IPC)
 * and the page's stages. Stage times of the page exclude the IPC both ways (post→page).
 */
function stageTable(rows: readonly Latency[]): string {
  const head = ['case', 'nodes', ...STAGES.map(([name]) => name)];
  const body = rows.map((row) => [
    row.case,
    String(row.nodes),
    ...STAGES.map(([, of]) => (row.stages === undefined ? '?' : of(row.stages).toFixed(0))),
  ]);
  return [
    'Where the time went, ms (stages in order; see stageTable):',
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

describe('latency in the real editor: from the command to the hover and the drawn panel', function () {
  this.timeout(300_000);
  const rows: Latency[] = [];
  let api: GradientLensTestApi;
  /** Whether an earlier test inspected something in this extension host. */
  let usedBefore = true;

  before(async function () {
    if (process.env.GRADIENT_LENS_VSCODE_PASS?.includes('untrusted')) {
      // Timings once are enough: the trusted pass measures, Restricted Mode changes nothing.
      this.skip();
    }
    api = await testApi();
    usedBefore = api.storedSinceActivation() > 0;
    // The suite checks the engine's invariants on every inspection; a user's editor does not.
    await invariantChecks(false);
    await reset();
  });

  after(async () => {
    await invariantChecks(undefined);
    await reset();
    if (rows.length === 0) {
      return;
    }
    console.log(table(rows));
    console.log(stageTable(rows));
    const file = process.env.GRADIENT_LENS_LATENCY_FILE;
    if (file) {
      writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
    }
  });

  it('the first inspection after activation shows the gradient and draws the panel', async function () {
    if (usedBefore) {
      console.log('first inspection after activation: not measured (earlier tests inspected)');
      this.skip();
    }
    const probe = await openLayer(1, 5);
    const latency = await measure(api, probe, 'first inspection after activation');
    rows.push(latency);
  });

  for (const [neurons, inputs] of SIZES) {
    it(`a layer of ${neurons} neuron(s) over ${inputs} inputs: new panel, then open panel`, async () => {
      await closePanel();
      const fresh = await openLayer(neurons, inputs);
      rows.push(await measure(api, fresh, 'panel opened by the command'));
      // Another document with the same code: nothing cached, the panel already open.
      const again = await openLayer(neurons, inputs);
      rows.push(await measure(api, again, 'panel already open'));
    });
  }
});
