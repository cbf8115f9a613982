/**
 * The host's side of the inspection worker: one worker thread, started on the first inspection
 * and kept for the next, running one job at a time in the order asked. Cancelling the running
 * job ends the thread at once (the next job starts a fresh one); a queued job is just dropped.
 * A thread that dies on its own fails the job it was running, and the next job starts a fresh
 * one and says so (`restarted`): never a silent nothing.
 */
import { Worker } from 'node:worker_threads';
import type { WriteOutcome } from '../core/backwardWriter/writtenBackward';
import type { BackwardCheckOutcome } from '../core/handBackward/report';
import type { InspectOutcome } from '../core/inspectSource';
import type { LensAnswer, LensRequest } from '../core/lensTargets';
import type { InspectionRequest, LanguageId } from '../language/frontEnd';
import { joinSlice } from './largeArrays';
import {
  SLICES_IN_FLIGHT,
  type WorkerReply,
  type WorkerRequest,
  type WorkerTimings,
} from './workerProtocol';

/** VS Code's CancellationToken, structurally: this layer does not import `vscode`. */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

export type ClientOutcome =
  | {
      readonly kind: 'done';
      readonly outcome: InspectOutcome;
      /**
       * The panel's form of the result (a tensor result's list) as wire JSON in UTF-8, when
       * the inspection succeeded.
       */
      readonly resultJson?: Uint8Array;
      readonly timings: JobTimings;
    }
  | { readonly kind: 'cancelled' }
  /**
   * The worker failed (not the document): the message is for the log, or for the user when
   * `stopped` (the thread itself died while running the job).
   */
  | { readonly kind: 'failed'; readonly message: string; readonly stopped?: true };

/**
 * Where an inspection's time went: the host's performance.now() when the job was asked for,
 * sent to the worker (after waiting its turn), when the worker's `start` arrived and when its
 * last slice was joined; and what the worker spent before `start`.
 */
export interface JobTimings {
  readonly askedAt: number;
  readonly postedAt: number;
  readonly startAt: number;
  readonly doneAt: number;
  readonly slices: number;
  readonly worker: WorkerTimings;
}

/** The answer to a lens job: the places kept of those read, or why there is none. */
export type LensOutcome =
  ({ readonly kind: 'lenses' } & LensAnswer) | Exclude<ClientOutcome, { kind: 'done' }>;

/** The answer to a warm-up: done, or why not (a failure is for the log only). */
export type WarmUpOutcome = { readonly kind: 'warmed' } | Exclude<ClientOutcome, { kind: 'done' }>;

/** The answer to a backward-pass job (check or write), or why there is none. */
export type BackwardJobOutcome<T> =
  { readonly kind: 'answered'; readonly outcome: T } | Exclude<ClientOutcome, { kind: 'done' }>;

type AnyOutcome =
  | ClientOutcome
  | LensOutcome
  | WarmUpOutcome
  | BackwardJobOutcome<BackwardCheckOutcome>
  | BackwardJobOutcome<WriteOutcome>;

interface Job {
  readonly id: number;
  readonly request:
    | { readonly type: 'inspect'; readonly request: InspectionRequest; readonly panelJson: boolean }
    | { readonly type: 'lenses'; readonly request: LensRequest; readonly budgetMs: number }
    | { readonly type: 'warmUp'; readonly language: LanguageId }
    | { readonly type: 'checkBackward'; readonly request: InspectionRequest }
    | { readonly type: 'writeBackward'; readonly request: InspectionRequest };
  readonly resolve: (outcome: AnyOutcome) => void;
  readonly askedAt: number;
  postedAt?: number;
  /** From the worker's `start`: when it arrived, how many slices follow, the worker's times. */
  started?: { readonly at: number; readonly slices: number; readonly worker: WorkerTimings };
  skeleton?: unknown;
  subscription?: { dispose(): unknown };
}

export interface ClientEvents {
  /** A fresh thread replaced one that died on its own: `reason` says how it stopped. */
  readonly restarted?: (reason: string) => void;
}

/** Worker threads started by any client and not yet exited: a leak shows here. */
let liveThreads = 0;

export function liveWorkerThreads(): number {
  return liveThreads;
}

export class InspectionClient {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 1;
  /** Why the last thread died on its own, until a fresh one replaces it. */
  private died: string | undefined;

  /** `script`: the path of the bundled worker (dist/inspectionWorker.js). */
  constructor(
    private readonly script: string,
    private readonly events: ClientEvents = {},
  ) {}

  /** Jobs waiting or running, and the cancellation listeners they hold. */
  get liveCounts(): { readonly jobs: number; readonly jobListeners: number } {
    const jobs = this.running === undefined ? this.queue : [this.running, ...this.queue];
    return {
      jobs: jobs.length,
      jobListeners: jobs.filter((job) => job.subscription !== undefined).length,
    };
  }

  /**
   * Ends the thread without telling this client first, as a crash would: what the tests use to
   * check that a dead worker is reported and replaced. False when no thread was running.
   */
  killThread(): boolean {
    if (this.worker === undefined) {
      return false;
    }
    void this.worker.terminate();
    return true;
  }

  /**
   * Inspects `request`. `panelJson: false` when no panel will show the result (a re-inspection
   * with the panel closed): the worker then makes no JSON of it for the panel.
   */
  inspect(
    request: InspectionRequest,
    signal?: CancellationSignal,
    { panelJson = true }: { readonly panelJson?: boolean } = {},
  ): Promise<ClientOutcome> {
    if (signal?.isCancellationRequested === true) {
      return Promise.resolve({ kind: 'cancelled' });
    }
    return new Promise((resolve) => {
      this.enqueue({ type: 'inspect', request, panelJson }, resolve as Job['resolve'], signal);
    });
  }

  /**
   * The lens places of `request` that would inspect, read for at most `budgetMs`. Cancelling
   * drops a queued job; a running one is short and left to finish (ending the thread would
   * cost the next inspection a restart).
   */
  lenses(
    request: LensRequest,
    budgetMs: number,
    signal?: CancellationSignal,
  ): Promise<LensOutcome> {
    if (signal?.isCancellationRequested === true) {
      return Promise.resolve({ kind: 'cancelled' });
    }
    return new Promise((resolve) => {
      this.enqueue({ type: 'lenses', request, budgetMs }, resolve as Job['resolve'], signal);
    });
  }

  /**
   * Starts the worker and has it load the engine and `language`'s grammar and inspect one line,
   * so that the first real inspection finds everything ready. Only when the worker is idle and
   * nothing is waiting (a real job warms it anyway); cancelling drops it while queued, and a
   * running one is short and left to finish.
   */
  warmUp(language: LanguageId, signal?: CancellationSignal): Promise<WarmUpOutcome> {
    if (signal?.isCancellationRequested === true || this.busy) {
      return Promise.resolve({ kind: 'cancelled' });
    }
    return new Promise((resolve) => {
      this.enqueue({ type: 'warmUp', language }, resolve as Job['resolve'], signal);
    });
  }

  /** Whether a job is running or waiting. */
  private get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  /**
   * Checks the hand-written backward pass of `request` (core/handBackward). Cancelling ends a
   * running check as it ends an inspection: it reads the whole file.
   */
  checkBackward(
    request: InspectionRequest,
    signal?: CancellationSignal,
  ): Promise<BackwardJobOutcome<BackwardCheckOutcome>> {
    return this.backwardJob({ type: 'checkBackward', request }, signal);
  }

  /** Writes the backward pass of the forward pass `request` selects (core/backwardWriter). */
  writeBackward(
    request: InspectionRequest,
    signal?: CancellationSignal,
  ): Promise<BackwardJobOutcome<WriteOutcome>> {
    return this.backwardJob({ type: 'writeBackward', request }, signal);
  }

  private backwardJob<T>(
    request: Extract<Job['request'], { type: 'checkBackward' | 'writeBackward' }>,
    signal: CancellationSignal | undefined,
  ): Promise<BackwardJobOutcome<T>> {
    if (signal?.isCancellationRequested === true) {
      return Promise.resolve({ kind: 'cancelled' });
    }
    return new Promise((resolve) => {
      this.enqueue(request, resolve as Job['resolve'], signal);
    });
  }

  private enqueue(
    request: Job['request'],
    resolve: Job['resolve'],
    signal: CancellationSignal | undefined,
  ): void {
    const job: Job = { id: this.nextId, request, resolve, askedAt: performance.now() };
    this.nextId += 1;
    job.subscription = signal?.onCancellationRequested(() => this.cancel(job));
    this.queue.push(job);
    this.startNext();
  }

  /** Ends the worker; every waiting job resolves as cancelled. */
  dispose(): void {
    this.stopWorker();
    const waiting = this.running === undefined ? this.queue : [this.running, ...this.queue];
    this.running = undefined;
    this.queue.length = 0;
    for (const job of waiting) {
      this.settle(job, { kind: 'cancelled' });
    }
  }

  private startNext(): void {
    if (this.running !== undefined) {
      return;
    }
    const job = this.queue.shift();
    if (job === undefined) {
      return;
    }
    this.running = job;
    const worker = this.ensureWorker();
    // Busy, the worker keeps the process alive until the job's answer arrives.
    worker.ref();
    job.postedAt = performance.now();
    this.send(worker, { ...job.request, id: job.id });
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) {
      return this.worker;
    }
    const worker = new Worker(this.script);
    liveThreads += 1;
    // An idle worker must not keep a process (a test run, the CLI) alive.
    worker.unref();
    worker.on('message', (message: WorkerReply) => this.received(worker, message));
    worker.on('error', (error) => this.stopped(worker, describeError(error)));
    worker.on('exit', (code) => {
      liveThreads -= 1;
      this.stopped(worker, `exit code ${code}`);
    });
    this.worker = worker;
    const died = this.died;
    this.died = undefined;
    if (died !== undefined) {
      this.events.restarted?.(died);
    }
    return worker;
  }

  private received(worker: Worker, message: WorkerReply): void {
    const job = this.running;
    if (worker !== this.worker || job === undefined || message.id !== job.id) {
      return;
    }
    switch (message.type) {
      case 'start':
        job.started = { at: performance.now(), slices: message.slices, worker: message.timings };
        job.skeleton = message.skeleton;
        // Asked for beyond the last slice, `next` is answered by `done` once, then ignored.
        for (let ask = 0; ask < SLICES_IN_FLIGHT; ask += 1) {
          this.send(worker, { type: 'next', id: job.id });
        }
        return;
      case 'slice':
        joinSlice(job.skeleton, message.slice);
        this.send(worker, { type: 'next', id: job.id });
        return;
      case 'done':
        this.finish(job, {
          kind: 'done',
          outcome: job.skeleton as InspectOutcome,
          ...(message.resultJson === undefined ? {} : { resultJson: message.resultJson }),
          timings: timingsOf(job),
        });
        return;
      case 'lenses':
        this.finish(job, { kind: 'lenses', ...message.answer });
        return;
      case 'warmed':
        this.finish(job, { kind: 'warmed' });
        return;
      case 'checked':
        this.finish(job, { kind: 'answered', outcome: message.outcome });
        return;
      case 'written':
        this.finish(job, { kind: 'answered', outcome: message.outcome });
        return;
      case 'failed':
        this.finish(job, { kind: 'failed', message: message.message });
        return;
      default: {
        const unexpected: never = message;
        throw new Error(`unexpected worker reply ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private send(worker: Worker, message: WorkerRequest): void {
    worker.postMessage(message);
  }

  private finish(job: Job, outcome: AnyOutcome): void {
    this.running = undefined;
    this.worker?.unref();
    this.settle(job, outcome);
    this.startNext();
  }

  private settle(job: Job, outcome: AnyOutcome): void {
    job.subscription?.dispose();
    job.resolve(outcome);
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, { kind: 'cancelled' });
      return;
    }
    if (this.running === job && job.request.type !== 'lenses' && job.request.type !== 'warmUp') {
      // A synchronous computation cannot be interrupted from outside but by ending its thread.
      this.stopWorker();
      this.finish(job, { kind: 'cancelled' });
    }
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  /**
   * The worker died (out of memory, a bug, killed): the running job fails saying so, the next
   * starts a fresh thread. A thread this client ended itself is not `this.worker` any more.
   */
  private stopped(worker: Worker, reason: string): void {
    if (worker !== this.worker) {
      return;
    }
    this.worker = undefined;
    this.died = reason;
    const job = this.running;
    if (job !== undefined) {
      const message = `the inspection worker stopped (${reason}) during this inspection; it restarts on the next one`;
      this.finish(job, { kind: 'failed', message, stopped: true });
    }
  }
}

/** A finished inspection job's timings (`done` comes after `start`, which the worker sends first). */
function timingsOf(job: Job): JobTimings {
  const now = performance.now();
  const started = job.started ?? {
    at: now,
    slices: 0,
    worker: { inspectMs: 0, panelJsonMs: 0, splitMs: 0 },
  };
  return {
    askedAt: job.askedAt,
    postedAt: job.postedAt ?? job.askedAt,
    startAt: started.at,
    doneAt: now,
    slices: started.slices,
    worker: started.worker,
  };
}

function describeError(error: Error): string {
  if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return 'the inspection needed more memory than its worker thread may use';
  }
  return error.message;
}
