/**
 * The panel's controls: the step-through (mode, first / previous / next / last, play with a
 * speed, show all), the view (fit, zoom, expand or collapse every group, find, hide constants,
 * hide nodes off the gradient path) and the exports (SVG, PNG, DOT, the table as Markdown or LaTeX).
 */
import type { StepCommand, StepMode } from '../present/stepThrough';
import { button, h } from './dom';
import type { ExportFormat } from './exporter';

/** What the graph's own tools ask for: the scalar graph's and the tensor graph's alike. */
export interface GraphToolEvents {
  readonly fit: () => void;
  readonly zoom: (factor: number) => void;
  /** Every group (loop, iteration, call, repeated shape) drawn open, or every one collapsed. */
  readonly setAllCollapsed: (collapse: boolean) => void;
  readonly find: (text: string, next: boolean) => void;
  readonly exportAs: (format: ExportFormat) => void;
}

export interface ToolbarEvents extends GraphToolEvents {
  readonly step: (command: StepCommand) => void;
  /** A whole iteration or inlined call at once. */
  readonly stepGroup: () => void;
  readonly togglePlay: () => void;
  readonly showAll: () => void;
  readonly setMode: (mode: StepMode) => void;
  readonly setSpeed: (msPerStep: number) => void;
  readonly setHideConstants: (hide: boolean) => void;
  readonly setHideOffPath: (hide: boolean) => void;
  readonly copyTable: (format: 'markdown' | 'latex') => void;
}

export interface ToolbarState {
  readonly mode: StepMode;
  readonly index: number | null;
  readonly total: number;
  readonly playing: boolean;
  readonly hideConstants: boolean;
  readonly hideOffPath: boolean;
  readonly findStatus: string;
  /** How many groups the graph has: none, and the expand and collapse buttons are off. */
  readonly groups: number;
}

/** Milliseconds per step for each speed. */
export const SPEEDS: readonly (readonly [string, number])[] = [
  ['0.5×', 2000],
  ['1×', 1000],
  ['2×', 500],
  ['4×', 250],
];

export class Toolbar {
  readonly element: HTMLElement;
  private readonly mode: HTMLSelectElement;
  private readonly play: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly hideConstants: HTMLInputElement;
  private readonly hideOffPath: HTMLInputElement;
  private readonly stepButtons: HTMLButtonElement[];
  private readonly all: HTMLButtonElement;
  private readonly tools: GraphTools;

  constructor(events: ToolbarEvents) {
    this.mode = h('select', { attrs: { 'aria-label': 'pass to step through', id: 'gl-mode' } }, [
      h('option', { text: 'Backward pass', attrs: { value: 'backward' } }),
      h('option', { text: 'Forward pass', attrs: { value: 'forward' } }),
    ]);
    this.mode.addEventListener('change', () =>
      events.setMode(this.mode.value === 'forward' ? 'forward' : 'backward'),
    );
    this.stepButtons = [
      button('|◀', 'first step (Home)', () => events.step('first'), { action: 'first' }),
      button('◀', 'previous step (←)', () => events.step('previous'), { action: 'previous' }),
      button('▶', 'next step (→)', () => events.step('next'), { action: 'next' }),
      button('▶▶', 'a whole iteration or call at once (])', () => events.stepGroup(), {
        action: 'next-group',
      }),
      button('▶|', 'last step (End)', () => events.step('last'), { action: 'last' }),
    ];
    this.play = button('Play', 'play the steps (P)', () => events.togglePlay(), {
      action: 'play',
    });
    const speed = h('select', { attrs: { 'aria-label': 'speed', id: 'gl-speed' } });
    for (const [label, ms] of SPEEDS) {
      speed.append(h('option', { text: label, attrs: { value: String(ms) } }));
    }
    speed.value = '1000';
    speed.addEventListener('change', () => events.setSpeed(Number(speed.value)));
    this.all = button('Show all', 'the whole picture (Esc)', () => events.showAll(), {
      action: 'show-all',
    });
    this.status = h('span', { class: 'gl-status', attrs: { id: 'gl-step-status' } });

    this.tools = new GraphTools(events, ['svg', 'png', 'dot']);
    this.hideConstants = checkbox('gl-hide-constants');
    this.hideConstants.addEventListener('change', () =>
      events.setHideConstants(this.hideConstants.checked),
    );
    this.hideOffPath = checkbox('gl-hide-off-path');
    this.hideOffPath.addEventListener('change', () =>
      events.setHideOffPath(this.hideOffPath.checked),
    );

    this.element = h('div', { class: 'gl-toolbar', attrs: { role: 'toolbar' } }, [
      h('div', { class: 'gl-group', attrs: { role: 'group', 'aria-label': 'step through' } }, [
        this.mode,
        ...this.stepButtons,
        this.play,
        speed,
        this.all,
        this.status,
      ]),
      h('div', { class: 'gl-group', attrs: { role: 'group', 'aria-label': 'view' } }, [
        ...this.tools.view,
        label(this.hideConstants, 'hide constants'),
        label(this.hideOffPath, 'hide nodes off the gradient path'),
      ]),
      h('div', { class: 'gl-group', attrs: { role: 'group', 'aria-label': 'export' } }, [
        ...this.tools.exports,
        h('span', { class: 'gl-group-label', text: 'Copy table' }),
        button(
          'Markdown',
          'copy the derivative table as Markdown',
          () => events.copyTable('markdown'),
          { action: 'copy-markdown' },
        ),
        button('LaTeX', 'copy the derivative table as LaTeX', () => events.copyTable('latex'), {
          action: 'copy-latex',
        }),
      ]),
    ]);
  }

  update(state: ToolbarState): void {
    this.mode.value = state.mode;
    const pass = state.mode === 'backward' ? 'backward' : 'forward';
    this.status.textContent =
      state.total === 0
        ? 'no steps'
        : state.index === null
          ? `${state.total} ${pass} steps`
          : `step ${state.index + 1} of ${state.total}`;
    for (const stepButton of this.stepButtons) {
      stepButton.disabled = state.total === 0;
    }
    this.play.disabled = state.total === 0;
    this.play.textContent = state.playing ? 'Pause' : 'Play';
    this.play.setAttribute('aria-pressed', String(state.playing));
    this.all.disabled = state.index === null;
    this.hideConstants.checked = state.hideConstants;
    this.hideOffPath.checked = state.hideOffPath;
    this.tools.update(state.findStatus, state.groups);
  }
}

const EXPORTS: Readonly<Record<ExportFormat, readonly [string, string]>> = {
  svg: ['SVG', 'save the graph as SVG'],
  png: ['PNG', 'save the graph as PNG'],
  dot: ['DOT', 'save the graph as Graphviz DOT'],
};

/**
 * The graph's own tools, in any graph's toolbar: fit, zoom, expand or collapse every group,
 * find (`view`), and the exports the graph has (`exports`, after their label).
 */
export class GraphTools {
  readonly view: readonly HTMLElement[];
  readonly exports: readonly HTMLElement[];
  private readonly findStatus: HTMLElement;
  private readonly groupButtons: readonly HTMLButtonElement[];

  constructor(events: GraphToolEvents, formats: readonly ExportFormat[]) {
    const find = h('input', {
      attrs: {
        type: 'search',
        placeholder: 'Find a name',
        'aria-label': 'find a name in the graph',
        id: 'gl-find',
      },
    });
    find.addEventListener('input', () => events.find(find.value, false));
    find.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        events.find(find.value, true);
      }
      event.stopPropagation();
    });
    this.groupButtons = [
      button('Expand all', 'open every group (E)', () => events.setAllCollapsed(false), {
        action: 'expand-all',
      }),
      button('Collapse all', 'collapse every group (C)', () => events.setAllCollapsed(true), {
        action: 'collapse-all',
      }),
    ];
    this.findStatus = h('span', { class: 'gl-status', attrs: { 'aria-live': 'polite' } });
    this.view = [
      button('Fit', 'fit the graph to the view (0)', () => events.fit(), { action: 'fit' }),
      button('−', 'zoom out (−)', () => events.zoom(1 / 1.25), { action: 'zoom-out' }),
      button('+', 'zoom in (+)', () => events.zoom(1.25), { action: 'zoom-in' }),
      ...this.groupButtons,
      find,
      this.findStatus,
    ];
    this.exports = [
      h('span', { class: 'gl-group-label', text: 'Export' }),
      ...formats.map((format) => {
        const [text, title] = EXPORTS[format];
        return button(text, title, () => events.exportAs(format), {
          action: `export-${format}`,
        });
      }),
    ];
  }

  /** The find box's outcome; no groups, and the expand and collapse buttons are off. */
  update(findStatus: string, groups: number): void {
    this.findStatus.textContent = findStatus;
    for (const groupButton of this.groupButtons) {
      groupButton.disabled = groups === 0;
    }
  }
}

function checkbox(id: string): HTMLInputElement {
  return h('input', { attrs: { type: 'checkbox', id } });
}

function label(input: HTMLInputElement, text: string): HTMLElement {
  return h('label', { class: 'gl-check-label', attrs: { for: input.id } }, [input, text]);
}
