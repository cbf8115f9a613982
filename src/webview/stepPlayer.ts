/**
 * The step player: where the step-through of the backward or forward pass is (over
 * present/stepThrough), playing it on a timer, marking the drawing's edges and nodes for the
 * current step and writing its explanation.
 */
import { formatNumber } from '../engine/format';
import type { InspectionResult } from '../engine/result';
import {
  backwardEdgeState,
  backwardFrame,
  clampStep,
  forwardEdgeState,
  forwardFrame,
  forwardOrder,
  forwardValueKnown,
  groupStepEnd,
  type EdgeState,
  type Explanation,
  type StepCommand,
  type StepMode,
} from '../present/stepThrough';
import { h } from './dom';
import type { GraphView } from './graphView';
import { StepPosition, type PositionEvents } from './stepPosition';

const EDGE_STATES: readonly EdgeState[] = ['done', 'active', 'pending'];

export class StepPlayer {
  mode: StepMode = 'backward';
  private result: InspectionResult | undefined;
  private forwardTotal = 0;
  private readonly position: StepPosition;

  private readonly title = h('div', { class: 'gl-explain-title' });
  private readonly equation = h('div', { class: 'gl-equation' });
  private readonly details = h('ul', { class: 'gl-explain-details' });
  readonly element = h(
    'section',
    {
      class: 'gl-explain',
      attrs: { id: 'gl-explain', 'aria-live': 'polite', 'aria-label': 'current step' },
    },
    [this.title, this.equation, this.details],
  );

  constructor(
    private readonly graph: GraphView,
    /** moved: mark the step again and save the state; replay: mark it again (nothing to save). */
    private readonly events: PositionEvents,
  ) {
    this.position = new StepPosition(() => this.total(), events);
  }

  /** Position in the step-through; null when showing the whole picture. */
  get index(): number | null {
    return this.position.index;
  }

  set index(index: number | null) {
    this.position.index = index;
  }

  get isPlaying(): boolean {
    return this.position.isPlaying;
  }

  /** A new inspection (or none): the position stays where it still fits. */
  load(result: InspectionResult | undefined): void {
    this.result = result;
    if (result === undefined) {
      this.stop();
      return;
    }
    this.forwardTotal = forwardOrder(result).length;
    this.index = clampStep(this.index, this.total());
    if (this.index === null) {
      this.stop();
    }
  }

  total(): number {
    const result = this.result;
    if (result === undefined) {
      return 0;
    }
    return this.mode === 'backward' ? result.steps.length : this.forwardTotal;
  }

  step(command: StepCommand): void {
    this.position.step(command);
  }

  /** To the end of the iteration or call the next step is in (the `]` key). */
  stepGroup(): void {
    if (this.result !== undefined) {
      this.goTo(groupStepEnd(this.result, this.mode, this.index));
    }
  }

  goTo(index: number | null): void {
    this.position.goTo(index);
  }

  setMode(mode: StepMode): void {
    if (mode === this.mode) {
      return;
    }
    this.stop();
    this.mode = mode;
    this.index = this.total() > 0 ? 0 : null;
    this.events.moved();
  }

  setSpeed(ms: number): void {
    this.position.setSpeed(ms);
  }

  togglePlay(): void {
    this.position.togglePlay();
  }

  stop(): void {
    this.position.stop();
  }

  /**
   * Marks edges and nodes for the current step and writes the explanation; returns the node
   * the step is at (null when showing the whole picture).
   */
  apply(precision: number): number | null {
    const result = this.result;
    if (result === undefined) {
      return null;
    }
    const format = { precision };
    const index = this.index;
    const stepping = index !== null;
    // Without a drawing (a big graph not drawn yet) the explanation still follows the steps.
    const svg = this.graph.svg;
    svg?.classList.toggle('gl-stepping', stepping);
    svg?.classList.toggle('gl-stepping-forward', stepping && this.mode === 'forward');
    let active: number | null;
    let upstream: number | null = null;
    let explanation: Explanation;
    if (this.mode === 'forward' && index !== null) {
      const frame = forwardFrame(result, index, format)!;
      for (const edge of this.graph.edges) {
        setEdgeState(edge, forwardEdgeState(frame, Number(edge.dataset.from)));
        edge.classList.toggle(
          'gl-edge--novalue',
          !forwardValueKnown(frame, Number(edge.dataset.to)),
        );
      }
      for (const [id, node] of this.graph.nodes) {
        node.classList.toggle('gl-node--unknown', !forwardValueKnown(frame, id));
      }
      active = frame.activeNode;
      explanation = frame.explanation;
    } else {
      const frame = index === null ? undefined : backwardFrame(result, index, format);
      for (const edge of this.graph.edges) {
        const step = edge.dataset.step;
        setEdgeState(
          edge,
          stepping
            ? backwardEdgeState(step === undefined ? undefined : Number(step), index)
            : undefined,
        );
        edge.classList.remove('gl-edge--novalue');
      }
      for (const node of this.graph.nodes.values()) {
        node.classList.remove('gl-node--unknown');
      }
      active = frame?.activeNode ?? null;
      upstream = frame?.upstreamNode ?? null;
      explanation = frame?.explanation ?? this.wholePicture(result, precision);
    }
    if (this.mode === 'forward' && index === null) {
      explanation = this.wholePicture(result, precision);
    }
    for (const [id, node] of this.graph.nodes) {
      node.classList.toggle('gl-node--active', id === active);
      node.classList.toggle('gl-node--upstream', id === upstream);
    }
    this.title.textContent = explanation.title;
    this.equation.textContent = explanation.equation;
    this.details.replaceChildren(...explanation.details.map((line) => h('li', { text: line })));
    if (stepping && active !== null) {
      this.graph.reveal(active);
    }
    return active;
  }

  private wholePicture(result: InspectionResult, precision: number): Explanation {
    const pass = this.mode === 'backward' ? 'backward' : 'forward';
    return {
      title: 'The whole picture',
      equation: `${result.output.name} = ${formatNumber(result.value, { precision })}`,
      details: [
        'forward values above the edges, gradients below them',
        `step through the ${pass} pass with ▶ or the → key`,
      ],
    };
  }
}

function setEdgeState(edge: Element, state: EdgeState | undefined): void {
  for (const each of EDGE_STATES) {
    edge.classList.toggle(`gl-edge--${each}`, each === state);
  }
}
