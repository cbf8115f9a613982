/**
 * The step player of a tensor result: the backward pass in matrix form, one VJP (or one
 * broadcast undone) at a time — its rule with the shapes it combines, the upstream gradient and
 * the step's result as small matrices — with first/previous/play/next/last buttons, the same
 * keys as the scalar player (← → Home End p Escape), the step's nodes and edge marked in the
 * tensor drawing when there is one, and its node's source highlighted in the editor. Positions
 * and texts come from present/tensorSteps.
 */
import { formatNumber } from '../engine/format';
import { sizeOf } from '../engine/tensor/shape';
import { heatClass, heatClassName, heatScale } from '../present/graph/heatMap';
import type { StepCommand } from '../present/stepThrough';
import {
  tensorStepFrame,
  tensorWholePicture,
  type TensorPane,
  type TensorStepContext,
} from '../present/tensorSteps';
import type { PanelTensorResult, TensorSummary } from '../protocol/protocol';
import { button, h } from './dom';
import { StepPosition, stepKeys } from './stepPosition';
import { summaryText } from './summaryText';

/** A matrix of at most this many elements is drawn cell by cell; a larger one summarized. */
const MATRIX_CELLS = 36;

export class TensorStepPlayer {
  private context: TensorStepContext<TensorSummary> | undefined;
  private precision = 6;
  private readonly cursor: StepPosition;
  /** Where the tensor drawing is, to mark the step's nodes and edge in it. */
  private drawing: HTMLElement | undefined;

  private readonly position = h('span', { class: 'gl-tstep-position', attrs: { role: 'status' } });
  private readonly play = button('▶ Play', 'play the backward steps (p)', () => this.togglePlay(), {
    action: 'tensor-play',
  });
  private readonly title = h('div', { class: 'gl-explain-title gl-tstep-title' });
  private readonly rule = h('div', { class: 'gl-equation gl-tstep-rule' });
  private readonly shapes = h('div', { class: 'gl-tstep-shapes' });
  private readonly panes = h('div', { class: 'gl-tstep-panes' });
  private readonly details = h('ul', { class: 'gl-explain-details gl-tstep-details' });
  readonly element = h(
    'section',
    {
      class: 'gl-explain gl-tstep',
      attrs: { id: 'gl-tensor-player', 'aria-label': 'backward steps in matrix form' },
    },
    [
      h('div', { class: 'gl-tstep-controls', attrs: { role: 'toolbar' } }, [
        button('|◀', 'first step (Home)', () => this.step('first'), { action: 'tensor-first' }),
        button('◀', 'previous step (←)', () => this.step('previous'), {
          action: 'tensor-previous',
        }),
        this.play,
        button('▶', 'next step (→)', () => this.step('next'), { action: 'tensor-next' }),
        button('▶|', 'last step (End)', () => this.step('last'), { action: 'tensor-last' }),
        button('All', 'the whole picture (Escape)', () => this.goTo(null), {
          action: 'tensor-all',
        }),
        this.position,
      ]),
      h('div', { attrs: { 'aria-live': 'polite' } }, [
        this.title,
        this.rule,
        this.shapes,
        this.panes,
        this.details,
      ]),
    ],
  );

  constructor(
    /** The node the step is at (null: the whole picture): its source line is highlighted. */
    private readonly moved: (node: number | null) => void,
    speedMs = 1000,
  ) {
    const render = () => this.render();
    this.cursor = new StepPosition(() => this.total(), { moved: render, replay: render }, speedMs);
  }

  /** Position in the step-through; null when showing the whole picture. */
  get index(): number | null {
    return this.cursor.index;
  }

  get isPlaying(): boolean {
    return this.cursor.isPlaying;
  }

  /** A new result: the position stays where it still fits. */
  load(result: PanelTensorResult, precision: number, drawing?: HTMLElement): void {
    this.context = {
      steps: result.steps,
      output: result.output.name,
      label: (node) => result.nodes[node]?.label ?? `#${node}`,
    };
    this.precision = precision;
    this.drawing = drawing;
    if (this.index !== null && this.index >= result.steps.length) {
      this.cursor.index = null;
    }
    if (this.index === null) {
      this.stop();
    }
    this.render();
  }

  total(): number {
    return this.context?.steps.length ?? 0;
  }

  step(command: StepCommand): void {
    this.cursor.step(command);
  }

  goTo(index: number | null): void {
    this.cursor.goTo(index);
  }

  togglePlay(): void {
    this.cursor.togglePlay();
  }

  stop(): void {
    this.cursor.stop();
  }

  /** The player's keys; true when the key was one of them. */
  key(event: KeyboardEvent): boolean {
    const action = stepKeys(this)[event.key];
    if (action === undefined) {
      return false;
    }
    event.preventDefault();
    action();
    return true;
  }

  private render(): void {
    const context = this.context;
    if (context === undefined) {
      return;
    }
    const total = context.steps.length;
    this.play.textContent = this.cursor.isPlaying ? '⏸ Pause' : '▶ Play';
    this.position.textContent =
      this.index === null ? `${total} steps` : `step ${this.index + 1} of ${total}`;
    const frame = this.index === null ? undefined : tensorStepFrame(context, this.index);
    if (frame === undefined) {
      const whole = tensorWholePicture(total);
      this.title.textContent = whole.title;
      this.rule.textContent = '';
      this.shapes.textContent = '';
      this.panes.replaceChildren();
      this.details.replaceChildren(...whole.details.map((line) => h('li', { text: line })));
      this.mark(null, null, undefined);
      this.moved(null);
      return;
    }
    this.title.textContent = frame.title;
    this.rule.textContent = frame.rule;
    this.shapes.textContent = frame.shapes;
    this.panes.replaceChildren(...frame.panes.map((pane) => this.pane(pane)));
    this.details.replaceChildren(...frame.details.map((line) => h('li', { text: line })));
    const step = context.steps[this.index ?? -1];
    const edge =
      step === undefined || step.kind === 'seed'
        ? undefined
        : `${step.from}-${step.to}-${step.operandIndex}`;
    this.mark(frame.activeNode, frame.upstreamNode, edge);
    this.moved(frame.activeNode);
  }

  private pane(pane: TensorPane<TensorSummary>): HTMLElement {
    return h('figure', { class: `gl-tstep-pane gl-tstep-pane--${pane.role}` }, [
      h('figcaption', { text: pane.caption }),
      matrix(pane.tensor, this.precision),
    ]);
  }

  /** The step's nodes and edge in the tensor drawing (nothing when none is drawn). */
  private mark(active: number | null, upstream: number | null, edge: string | undefined): void {
    const drawing = this.drawing;
    if (drawing === undefined) {
      return;
    }
    for (const node of drawing.querySelectorAll<SVGGElement>('g.gl-node[data-node]')) {
      const id = Number(node.dataset.node);
      node.classList.toggle('gl-node--active', id === active);
      node.classList.toggle('gl-node--upstream', id === upstream);
    }
    for (const wire of drawing.querySelectorAll<SVGGElement>('g.gl-edge[data-edge]')) {
      wire.classList.toggle('gl-edge--active', wire.dataset.edge === edge);
    }
  }
}

/**
 * A small tensor as a heat map of its numbers (a vector as one row, a scalar as one cell): each
 * cell's background is the drawing's diverging palette, its text the number. A larger tensor,
 * or one of rank ≥ 3, is its pooled heat grid (when the summary has one) and its summary.
 */
function matrix(summary: TensorSummary, precision: number): HTMLElement {
  const size = sizeOf(summary.shape);
  if (summary.shape.length > 2 || size > MATRIX_CELLS || summary.first.length < size) {
    const text = summaryText(summary, precision);
    return h('div', { class: 'gl-tstep-large' }, [
      summary.heat === undefined ? undefined : heatGrid(summary.heat, text),
      h('p', { class: 'gl-tstep-summary gl-num', text }),
    ]);
  }
  const columns = summary.shape.length === 0 ? 1 : (summary.shape[summary.shape.length - 1] ?? 1);
  const rows = columns === 0 ? 0 : size / columns;
  const scale = heatScale(summary.first);
  const body = Array.from({ length: rows }, (_, r) =>
    h(
      'tr',
      {},
      summary.first.slice(r * columns, (r + 1) * columns).map((value) =>
        h('td', {
          class: `gl-num gl-tstep-cell ${heatClassName(heatClass(value, scale))}`,
          text: formatNumber(value, { precision: Math.min(precision, 4) }),
        }),
      ),
    ),
  );
  return h('table', { class: 'gl-tstep-matrix gl-tstep-heat' }, [h('tbody', {}, body)]);
}

/** The summary's pooled grid as coloured cells without numbers; its text says what it is. */
function heatGrid(heat: NonNullable<TensorSummary['heat']>, text: string): HTMLElement {
  const scale = heatScale(heat.cells);
  const body = Array.from({ length: heat.rows }, (_, r) =>
    h(
      'tr',
      {},
      heat.cells
        .slice(r * heat.cols, (r + 1) * heat.cols)
        .map((value) =>
          h('td', { class: `gl-tstep-heat-cell ${heatClassName(heatClass(value, scale))}` }),
        ),
    ),
  );
  const label = heat.pooled ? `heat map, each cell the largest of its block: ${text}` : text;
  return h(
    'table',
    { class: 'gl-tstep-heat gl-tstep-heat--grid', attrs: { role: 'img', 'aria-label': label } },
    [h('tbody', {}, body)],
  );
}
