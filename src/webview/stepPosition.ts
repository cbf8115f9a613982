/**
 * Where a step-through is and how it moves — by a command, to a step, or on a timer — with the
 * keys that move it: the part the scalar graph's step player (stepPlayer.ts) and the tensor one
 * (tensorStepPlayer.ts) share. Positions and moves are present/stepThrough's.
 */
import { moveStep, type StepCommand } from '../present/stepThrough';

export interface PositionEvents {
  /** The position moved (by the user or the timer). */
  readonly moved: () => void;
  /** Playing started, or stopped (at the end, or paused): the step's marks may change. */
  readonly replay: () => void;
}

export class StepPosition {
  /** Position in the step-through; null when showing the whole picture. */
  index: number | null = null;
  private playing: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** How many steps there are now. */
    private readonly total: () => number,
    private readonly events: PositionEvents,
    private speedMs = 1000,
  ) {}

  get isPlaying(): boolean {
    return this.playing !== undefined;
  }

  step(command: StepCommand): void {
    this.goTo(moveStep(this.index, this.total(), command));
  }

  goTo(index: number | null): void {
    if (index === null) {
      this.stop();
    }
    this.index = index;
    this.events.moved();
  }

  setSpeed(ms: number): void {
    this.speedMs = ms;
    if (this.playing !== undefined) {
      this.stop();
      this.start();
    }
  }

  /** Plays from the current step (from the first when at the end or at none), or pauses. */
  togglePlay(): void {
    if (this.playing !== undefined) {
      this.stop();
      this.events.replay();
      return;
    }
    const total = this.total();
    if (total === 0) {
      return;
    }
    if (this.index === null || this.index >= total - 1) {
      this.index = 0;
    }
    this.start();
    this.events.replay();
  }

  stop(): void {
    if (this.playing !== undefined) {
      clearInterval(this.playing);
      this.playing = undefined;
    }
  }

  private start(): void {
    this.playing = setInterval(() => {
      const total = this.total();
      if (this.index === null || this.index >= total - 1) {
        this.stop();
        this.events.replay();
        return;
      }
      this.goTo(this.index + 1);
      if (this.index >= total - 1) {
        this.stop();
        this.events.replay();
      }
    }, this.speedMs);
  }
}

/** What the step keys move: a player's position commands. */
export interface Steppable {
  step(command: StepCommand): void;
  goTo(index: number | null): void;
  togglePlay(): void;
}

/** The keys every step-through answers to: ← → Home End, Escape for the whole picture, p to play. */
export function stepKeys(player: Steppable): Readonly<Record<string, () => void>> {
  return {
    ArrowRight: () => player.step('next'),
    ArrowLeft: () => player.step('previous'),
    Home: () => player.step('first'),
    End: () => player.step('last'),
    Escape: () => player.goTo(null),
    p: () => player.togglePlay(),
  };
}
