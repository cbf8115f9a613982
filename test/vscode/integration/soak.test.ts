// A long session in the real extension host: 300 inspect / edit / re-inspect cycles over
// generated layers of 11 to 2,801 nodes, the panel opened and closed, documents opened and
// closed. Afterwards the heap has not grown by more than 20 MB (after GC), nothing the
// extension registered is left behind (counted through its test API), and every hover is right.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LiveCounts } from '../../../src/extension/testApi';
import type { NeuronLayer } from '../neuronLayer';
import { inspect, reset } from './helpers';
import {
  assertGradient,
  closePanel,
  collectGarbage,
  heapAfterGc,
  hoveredGradient,
  openLayer,
  selectLayer,
  testApi,
  type LayerEditor,
} from './lensProbe';
import { centralDifference } from '../neuronLayer';

const CYCLES = 300;
/** Cycles between closing every document and the panel (documents come back fresh). */
const ROUND = 50;
const HEAP_GROWTH_MB = 20;
const REINSPECT_DELAY_MS = 50;

/** [neurons, inputs]: 11, 27, 71, 281, 841 and 2,801 nodes. */
const SIZES: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 5],
  [5, 2],
  [20, 2],
  [60, 2],
  [200, 2],
];

/** Mostly small documents, as people edit; the large ones often enough to matter. */
function sizeOf(cycle: number): number {
  if (cycle % ROUND === ROUND - 1) {
    return 5;
  }
  if (cycle % 10 === 4) {
    return 4;
  }
  return cycle % 4;
}

/** The layer with x0 at `x0` (the first input of the twin). */
function withX0(layer: NeuronLayer, x0: number): NeuronLayer {
  return { ...layer, values: [x0, ...layer.values.slice(1)] };
}

/** A document of the session, and the layer its text now computes. */
interface Open {
  probe: LayerEditor;
}

async function waitForGradient(open: Open, what: string): Promise<void> {
  const expected = centralDifference(open.probe.layer, 'x0');
  const deadline = Date.now() + 30_000;
  let shown = await hoveredGradient(open.probe);
  while (
    (shown === undefined || Math.abs(shown - expected) > 1e-5 * Math.max(1, Math.abs(expected))) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    shown = await hoveredGradient(open.probe);
  }
  assertGradient(shown, open.probe.layer, what);
}

/** Inspects, edits x0, and waits for the extension to read the code again by itself. */
async function cycle(open: Open, index: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(open.probe.editor.document);
  open.probe = { ...open.probe, editor };
  selectLayer(editor, open.probe.layer);
  const first = await inspect();
  assert.ok(first.ok, `cycle ${index}: ${JSON.stringify(first).slice(0, 300)}`);
  const x0 = 0.5 + ((index % 7) - 3) / 10;
  const edited = await editor.edit((edit) =>
    edit.replace(editor.document.lineAt(1).range, `x0 = ${x0}`),
  );
  assert.ok(edited, `cycle ${index}: the edit was not applied`);
  open.probe = { ...open.probe, layer: withX0(open.probe.layer, x0) };
  await waitForGradient(open, `cycle ${index}, re-inspected after the edit`);
}

function leftBehind(before: LiveCounts, after: LiveCounts): Partial<LiveCounts> {
  return {
    subscriptions: after.subscriptions - before.subscriptions,
    panels: after.panels,
    panelListeners: after.panelListeners,
    jobs: after.jobs,
    jobListeners: after.jobListeners,
    inspections: after.inspections,
    workerThreads: Math.max(0, after.workerThreads - 1),
  };
}

describe('soak: 300 inspect / edit / re-inspect cycles in the real extension host', function () {
  this.timeout(900_000);

  before(async function () {
    if (process.env.GRADIENT_LENS_VSCODE_PASS?.includes('untrusted')) {
      // Once is enough: Restricted Mode runs the same code; the trusted pass soaks it.
      this.skip();
    }
    // A short pause after edits, and no invariant checks (a user's editor has none): the
    // soak is about what stays behind, and must fit in CI's time.
    const settings = vscode.workspace.getConfiguration('gradientLens');
    const target = vscode.ConfigurationTarget.Workspace;
    await settings.update('reinspectDelay', REINSPECT_DELAY_MS, target);
    await settings.update('debug.checkInvariants', false, target);
    await reset();
  });

  after(async () => {
    const settings = vscode.workspace.getConfiguration('gradientLens');
    const target = vscode.ConfigurationTarget.Workspace;
    await settings.update('reinspectDelay', undefined, target);
    await settings.update('debug.checkInvariants', undefined, target);
    await reset();
  });

  it('keeps the heap, the listeners and the workers flat, and every hover right', async () => {
    const api = await testApi();
    const gc = collectGarbage();
    let open = new Map<number, Open>();
    let baseline: { heapMb: number; counts: LiveCounts } | undefined;
    const started = performance.now();
    for (let index = 0; index < CYCLES; index += 1) {
      const size = sizeOf(index);
      let document = open.get(size);
      if (document === undefined) {
        const [neurons, inputs] = SIZES[size]!;
        document = { probe: await openLayer(neurons, inputs) };
        open.set(size, document);
      }
      await cycle(document, index);
      if (index % 10 === 9) {
        // The next inspection opens a new panel.
        await closePanel();
      }
      if (index % ROUND === ROUND - 1 && index < CYCLES - 1) {
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        console.log(`soak: ${index + 1} cycles in ${seconds} s`);
        await reset();
        open = new Map();
        // After the first round every size and path has run once: later growth is a leak.
        baseline ??= { heapMb: await heapAfterGc(gc), counts: api.counts() };
      }
    }
    for (const [size, document] of open) {
      await vscode.window.showTextDocument(document.probe.editor.document);
      assertGradient(
        await hoveredGradient(document.probe),
        document.probe.layer,
        `the hover at the end (layer ${SIZES[size]!.join('×')})`,
      );
    }
    await reset();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heapMb = await heapAfterGc(gc);
    const counts = api.counts();
    assert.ok(baseline);
    const growth = heapMb - baseline.heapMb;
    console.log(
      `soak: ${CYCLES} cycles in ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
        `heap after GC ${baseline.heapMb.toFixed(1)} → ${heapMb.toFixed(1)} MB; ` +
        `counts ${JSON.stringify(counts)}`,
    );
    assert.deepEqual(leftBehind(baseline.counts, counts), {
      subscriptions: 0,
      panels: 0,
      panelListeners: 0,
      jobs: 0,
      jobListeners: 0,
      inspections: 0,
      workerThreads: 0,
    });
    assert.ok(growth <= HEAP_GROWTH_MB, `the heap grew by ${growth.toFixed(1)} MB`);
  });
});
