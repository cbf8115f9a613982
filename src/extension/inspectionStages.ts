/**
 * Where the time of the last "Inspect Derivatives" went, stage by stage, from the command to the
 * hover's answer and the panel's first frame: what the real-editor latency test prints (through
 * testApi). The host's stages are its performance.now(); the worker and the page report
 * durations, since their clocks start elsewhere. One recording at a time: the command begins
 * it, the panel's `drawn` for that document ends it.
 */
import type { PageTimings } from '../protocol/protocol';
import type { JobTimings } from '../worker/inspectionClient';

/** The host's marks, in the order an inspection reaches them. */
export interface HostMarks {
  /** The command ran. */
  readonly command: number;
  /** The result is in the store: from here a hover answers with it. */
  readonly stored?: number;
  /** The panel's snapshot was handed to postMessage. */
  readonly posted?: number;
  /** The page said `drawn` for it. */
  readonly drawn?: number;
}

export interface InspectionStages {
  readonly uri: string | undefined;
  readonly host: HostMarks;
  /** The worker job of the inspection (the last one, when values were asked for). */
  readonly job?: JobTimings;
  readonly page?: PageTimings;
}

interface Recording {
  uri: string | undefined;
  host: { -readonly [K in keyof HostMarks]: HostMarks[K] };
  job?: JobTimings;
  page?: PageTimings;
  /** Ended by the page's `drawn`, or by a failed inspection. */
  open: boolean;
}

let recording: Recording | undefined;

/** The command ran: a new recording. */
export function beginStages(): void {
  recording = { uri: undefined, host: { command: performance.now() }, open: true };
}

/** The worker's job for the inspection being recorded. */
export function recordJob(job: JobTimings): void {
  if (recording?.open === true) {
    recording.job = job;
  }
}

/** The result of `uri` is stored (the command's inspection). */
export function recordStored(uri: string): void {
  if (recording?.open === true) {
    recording.uri = uri;
    recording.host.stored = performance.now();
  }
}

/** The panel posted a snapshot of `uri`. */
export function recordPosted(uri: string | undefined): void {
  if (recording?.open === true && recording.uri === uri && recording.host.posted === undefined) {
    recording.host.posted = performance.now();
  }
}

/** The page drew a snapshot of `uri`: the recording ends once the posted one is drawn. */
export function recordDrawn(uri: string | undefined, page: PageTimings | undefined): void {
  if (recording?.open !== true || recording.uri !== uri || recording.host.posted === undefined) {
    return;
  }
  recording.host.drawn = performance.now();
  if (page !== undefined) {
    recording.page = page;
  }
  recording.open = false;
}

/** The inspection failed: nothing more comes of it. */
export function endStages(): void {
  if (recording !== undefined) {
    recording.open = false;
  }
}

/** The last recording, as it stands. */
export function lastStages(): InspectionStages | undefined {
  if (recording === undefined) {
    return undefined;
  }
  const { uri, host, job, page } = recording;
  return {
    uri,
    host: { ...host },
    ...(job === undefined ? {} : { job }),
    ...(page === undefined ? {} : { page }),
  };
}
