/**
 * The messages between the extension host and the inspection worker. Both sides are this
 * extension's own code, so the host trusts their shape; the document's text only travels
 * inside `request.source` and is never run.
 *
 * Node hands a thread every message waiting for it in one go, so the worker sends the next
 * slice of a large outcome only when the host asks (`next`): the host keeps SLICES_IN_FLIGHT
 * asked for, so that the worker sends one while the host reads another, and at most that many
 * arrive in one turn of the host's event loop, with other work (typing, hovers) between.
 */
import type { WriteOutcome } from '../core/backwardWriter/writtenBackward';
import type { BackwardCheckOutcome } from '../core/handBackward/report';
import type { LensAnswer, LensRequest } from '../core/lensTargets';
import type { InspectionRequest, LanguageId } from '../language/frontEnd';
import type { ArraySlice } from './largeArrays';

/** Host → worker. */
export type WorkerRequest =
  /**
   * Inspect one source text; `panelJson`: also make the panel's JSON of the result (only when a
   * panel will show it).
   */
  | {
      readonly type: 'inspect';
      readonly id: number;
      readonly request: InspectionRequest;
      readonly panelJson: boolean;
    }
  /** Ready for the job's next message. */
  | { readonly type: 'next'; readonly id: number }
  /**
   * Which of these places a lens may go above (core/lensTargets), reading for at most
   * `budgetMs`: answered by `lenses`.
   */
  | {
      readonly type: 'lenses';
      readonly id: number;
      readonly request: LensRequest;
      readonly budgetMs: number;
    }
  /**
   * Load the engine and `language`'s grammar and inspect a line once (see warmUpRequest):
   * answered by `warmed`.
   */
  | { readonly type: 'warmUp'; readonly id: number; readonly language: LanguageId }
  /** Check the hand-written backward pass in one source text: answered by `checked`. */
  | { readonly type: 'checkBackward'; readonly id: number; readonly request: InspectionRequest }
  /** Write the backward pass of the selected forward pass: answered by `written`. */
  | { readonly type: 'writeBackward'; readonly id: number; readonly request: InspectionRequest };

/** Worker → host, for one job: `start`, then one `slice` per `next`, then `done`. */
export type WorkerReply =
  /**
   * The outcome with its large arrays left empty (see largeArrays), and how many slices follow.
   * A tensor outcome's typed arrays are transferred with the message that holds them.
   */
  | {
      readonly type: 'start';
      readonly id: number;
      readonly skeleton: unknown;
      readonly slices: number;
      readonly timings: WorkerTimings;
    }
  | { readonly type: 'slice'; readonly id: number; readonly slice: ArraySlice }
  /**
   * `resultJson`: the panel's form of the result (a tensor result's is its list, see
   * protocol/tensorPanel) as wire JSON in UTF-8 (see protocol/wire), made here and transferred
   * (not copied), so that the host never serializes thousands of nodes to show them.
   */
  | { readonly type: 'done'; readonly id: number; readonly resultJson?: Uint8Array }
  /** The places of a `lenses` job whose click would inspect, of the first `read` candidates. */
  | { readonly type: 'lenses'; readonly id: number; readonly answer: LensAnswer }
  | { readonly type: 'warmed'; readonly id: number }
  | { readonly type: 'checked'; readonly id: number; readonly outcome: BackwardCheckOutcome }
  | { readonly type: 'written'; readonly id: number; readonly outcome: WriteOutcome }
  /** Something went wrong in the worker itself (not an error in the document). */
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** What the worker spent on an inspection before its `start`, in milliseconds. */
export interface WorkerTimings {
  /** Front end and engine (engine.inspectSource). */
  readonly inspectMs: number;
  /** The panel's JSON of the result, in UTF-8 (0 when no panel shows it). */
  readonly panelJsonMs: number;
  /** Splitting the outcome into a skeleton and slices (see largeArrays). */
  readonly splitMs: number;
}

/** Items per slice at most (fewer when they are heavy, see SLICE_BYTES). */
export const SLICE_LENGTH = 1000;

/**
 * About this many bytes per message: a node view with its symbolic derivatives is heavy, so a
 * count of items alone let a 989-node inspection's `nodes` (under 1,000, so whole in the first
 * message, 490 kB) cost the host 70 ms of structured clone; 64 kB cost a few.
 */
export const SLICE_BYTES = 64 * 1024;

/** Slices asked for ahead: one on its way while the host reads another. */
export const SLICES_IN_FLIGHT = 2;
