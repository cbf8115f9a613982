/**
 * The inspection worker (`dist/inspectionWorker.js`): reads and differentiates documents on its
 * own thread, so that a large inspection never holds up the extension host, and so that a
 * cancelled one can be stopped at once by ending the thread.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { InspectOutcome } from '../core/inspectSource';
import type { LensRequest } from '../core/lensTargets';
import { assertNever } from '../engine/assertNever';
import type { InspectionRequest, LanguageId } from '../language/frontEnd';
import { scalarPanelResult } from '../protocol/scalarPanel';
import { tensorPanelResult } from '../protocol/tensorPanel';
import { wireJson } from '../protocol/wire';
import { splitLargeArrays, type ArraySlice } from './largeArrays';
import { transferableBuffers } from './transferables';
import { warmUpRequest } from './warmUpRequest';
import { sliceLengthWithin } from './sliceBudget';
import { SLICE_BYTES, SLICE_LENGTH, type WorkerReply, type WorkerRequest } from './workerProtocol';

type Engine = typeof import('../api');

// The engine bundle beside this file: a computed path, so the bundler leaves it to run time.
const engine = createRequire(__filename)(join(__dirname, 'engine.js')) as Engine;

/** The job being handed over, slice by slice. */
interface Delivery {
  readonly id: number;
  readonly slices: readonly ArraySlice[];
  /** Per slice, the buffers it hands over (see transferables). */
  readonly transfers: readonly ArrayBuffer[][];
  next: number;
  readonly resultJson?: Uint8Array;
}

let delivery: Delivery | undefined;

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function inspect(id: number, request: InspectionRequest, forPanel: boolean): Promise<void> {
  try {
    const started = performance.now();
    const outcome = await engine.inspectSource(request);
    const inspected = performance.now();
    // Made before anything is sent: a transferred buffer is gone from this thread.
    const panelJson = forPanel ? panelResultJson(outcome) : undefined;
    const resultJson = panelJson === undefined ? undefined : new TextEncoder().encode(panelJson);
    const encoded = performance.now();
    const { skeleton, slices } = splitLargeArrays(
      outcome,
      sliceLengthWithin(SLICE_BYTES, SLICE_LENGTH),
    );
    const timings = {
      inspectMs: inspected - started,
      panelJsonMs: encoded - inspected,
      splitMs: performance.now() - encoded,
    };
    // Only a tensor outcome holds typed arrays: a scalar one is not searched for them.
    const [skeletonTransfers = [], ...transfers] =
      outcome.ok && outcome.kind === 'tensor'
        ? transferableBuffers([skeleton, ...slices])
        : [[], ...slices.map(() => [])];
    delivery = {
      id,
      slices,
      transfers,
      next: 0,
      ...(resultJson === undefined ? {} : { resultJson }),
    };
    reply({ type: 'start', id, skeleton, slices: slices.length, timings }, skeletonTransfers);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reply({ type: 'failed', id, message });
  }
}

/** The panel's form of a successful result as wire JSON: the scalar result, a tensor list. */
function panelResultJson(outcome: InspectOutcome): string | undefined {
  if (!outcome.ok) {
    return undefined;
  }
  switch (outcome.kind) {
    case 'scalar':
      return wireJson(scalarPanelResult(outcome.result));
    case 'tensor':
      return wireJson(tensorPanelResult(outcome.result));
    default:
      return assertNever(outcome, 'outcome');
  }
}

async function lenses(id: number, request: LensRequest, budgetMs: number): Promise<void> {
  const deadline = performance.now() + budgetMs;
  try {
    const answer = await engine.inspectableCandidates(request, () => performance.now() > deadline);
    reply({ type: 'lenses', id, answer });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reply({ type: 'failed', id, message });
  }
}

/** Loads and runs what the first inspection in `language` needs; a failure is only logged. */
async function warmUp(id: number, language: LanguageId): Promise<void> {
  try {
    const outcome = await engine.inspectSource(warmUpRequest(language));
    // The line is fixed: not reading it is a bug of this file, said so (the answer is unused).
    reply(
      outcome.ok
        ? { type: 'warmed', id }
        : { type: 'failed', id, message: `warm-up: ${outcome.error.message}` },
    );
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reply({ type: 'failed', id, message });
  }
}

/** A backward-pass job: one plain answer, small enough to send whole. */
async function backwardJob(
  id: number,
  type: 'checkBackward' | 'writeBackward',
  request: InspectionRequest,
): Promise<void> {
  try {
    if (type === 'checkBackward') {
      reply({ type: 'checked', id, outcome: await engine.checkBackward(request) });
      return;
    }
    reply({ type: 'written', id, outcome: await engine.writeBackward(request) });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    reply({ type: 'failed', id, message });
  }
}

function sendNext(id: number): void {
  const current = delivery;
  if (current === undefined || current.id !== id) {
    return;
  }
  const slice = current.slices[current.next];
  if (slice !== undefined) {
    const transfer = current.transfers[current.next] ?? [];
    current.next += 1;
    reply({ type: 'slice', id, slice }, transfer);
    return;
  }
  delivery = undefined;
  const bytes = current.resultJson;
  if (bytes === undefined) {
    reply({ type: 'done', id });
    return;
  }
  reply({ type: 'done', id, resultJson: bytes }, [bytes.buffer as ArrayBuffer]);
}

parentPort?.on('message', (message: WorkerRequest) => {
  switch (message.type) {
    case 'inspect':
      void inspect(message.id, message.request, message.panelJson);
      return;
    case 'next':
      sendNext(message.id);
      return;
    case 'lenses':
      void lenses(message.id, message.request, message.budgetMs);
      return;
    case 'warmUp':
      void warmUp(message.id, message.language);
      return;
    case 'checkBackward':
    case 'writeBackward':
      void backwardJob(message.id, message.type, message.request);
      return;
    default: {
      const unexpected: never = message;
      throw new Error(`unexpected request ${JSON.stringify(unexpected)}`);
    }
  }
});
