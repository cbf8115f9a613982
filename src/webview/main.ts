/**
 * The graph panel's page: receives the inspection from the extension host (after `ready`),
 * draws the annotated graph with the same code as `gradient-lens --svg`, and lets the user step
 * through the backward or forward pass, inspect nodes, edit inputs, pan, zoom, find, filter
 * and export. Every message received is checked (protocol/messages); the view state is kept with
 * setState so the panel comes back as it was.
 */
import { formatNumber } from '../engine/format';
import { drawGraph } from '../present/graph/drawGraph';
import {
  ASK_BEFORE_DRAWING_NODES,
  isEncodedHostMessage,
  parseHostMessage,
  parsePanelState,
} from '../protocol/messages';
import type {
  HostMessage,
  PanelInspection,
  PanelSettings,
  PanelUiState,
} from '../protocol/protocol';
import {
  backwardEdgeState,
  backwardFrame,
  clampStep,
  forwardEdgeState,
  forwardFrame,
  forwardOrder,
  forwardValueKnown,
  moveStep,
  type EdgeState,
  type Explanation,
  type StepCommand,
  type StepMode,
} from '../present/stepThrough';
import { NodeDetails } from './details';
import { button, h, isTextField } from './dom';
import { svgToPng } from './exportPng';
import { GraphView } from './graphView';
import { InputsTable } from './inputsTable';
import { Toolbar } from './toolbar';
import { connectHost, type Host } from './vscodeApi';

const EDGE_STATES: readonly EdgeState[] = ['done', 'active', 'pending'];

class App {
  private inspection: PanelInspection | null = null;
  private settings: PanelSettings = { precision: 6 };
  private mode: StepMode = 'backward';
  private index: number | null = null;
  private forwardTotal = 0;
  private hideConstants = false;
  private hideOffPath = false;
  private selected: number | null = null;
  private hovered: number | null = null;
  /** The node the step-through is at, if stepping. */
  private active: number | null = null;
  private playing: ReturnType<typeof setInterval> | undefined;
  private speedMs = 1000;
  private highlighted: number | null = null;
  private drawingKey = '';
  /** The document whose big graph the user agreed to have drawn. */
  private drawAgreed: string | undefined;
  private snapshots = 0;
  private restored: { uri: string; ui: PanelUiState } | undefined;
  private findText = '';
  private matches: number[] = [];
  private matchAt = -1;

  private readonly heading = h('h2', { class: 'gl-output', attrs: { id: 'gl-output' } });
  private readonly headingExtra = h('div', { class: 'gl-heading-extra' });
  private readonly stale = h('p', {
    class: 'gl-stale',
    attrs: { id: 'gl-stale', role: 'status', hidden: '' },
  });
  private readonly notice = h('p', {
    class: 'gl-notice',
    attrs: { id: 'gl-notice', role: 'status' },
  });
  private readonly explainTitle = h('div', { class: 'gl-explain-title' });
  private readonly equation = h('div', { class: 'gl-equation' });
  private readonly explainDetails = h('ul', { class: 'gl-explain-details' });
  private readonly graph = new GraphView();
  private readonly details: NodeDetails;
  private readonly table: InputsTable;
  private readonly toolbar: Toolbar;
  private readonly main: HTMLElement;

  constructor(
    private readonly host: Host,
    private readonly root: HTMLElement,
    private readonly nonce: string | undefined,
  ) {
    this.details = new NodeDetails({
      revealSource: (node) => this.select(node, true),
      chooseOutput: (node) => this.host.post({ type: 'chooseOutput', node }),
    });
    this.table = new InputsTable({
      setValue: (name, value) => this.host.post({ type: 'setValues', values: { [name]: value } }),
      selectNode: (node) => this.select(node, true),
    });
    this.toolbar = new Toolbar({
      step: (command) => this.step(command),
      togglePlay: () => this.togglePlay(),
      showAll: () => this.goTo(null),
      setMode: (mode) => this.setMode(mode),
      setSpeed: (ms) => this.setSpeed(ms),
      fit: () => this.graph.fit(),
      zoom: (factor) => this.graph.zoomBy(factor),
      find: (text, next) => this.find(text, next),
      setHideConstants: (hide) => this.setFilters(hide, this.hideOffPath),
      setHideOffPath: (hide) => this.setFilters(this.hideConstants, hide),
      exportAs: (format) => void this.exportAs(format),
      copyTable: (format) => this.host.post({ type: 'copyTable', format }),
    });
    this.main = h('div', { class: 'gl-main' }, [this.graph.element, this.details.element]);
    const saved = parsePanelState(host.savedState());
    if (saved?.ui !== undefined) {
      this.restored = { uri: saved.uri, ui: saved.ui };
    }
    this.listen();
  }

  start(): void {
    this.renderEmpty('Loading the graph…');
    this.host.post({ type: 'ready' });
  }

  // -------------------------------------------------------------------------------------------
  // Messages

  receive(data: unknown): void {
    const parsed = parseHostMessage(isEncodedHostMessage(data) ? decodeJson(data.json) : data);
    if (!parsed.ok) {
      this.host.post({
        type: 'log',
        level: 'warn',
        message: `dropped a message: ${parsed.problem}`,
      });
      return;
    }
    try {
      this.handle(parsed.message);
    } catch (error) {
      this.host.post({ type: 'log', level: 'error', message: `panel: ${describeError(error)}` });
    }
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'snapshot':
        this.snapshot(message.inspection, message.settings, message.selectedNode);
        break;
      case 'selectNode':
        if (this.inspection?.result.nodes[message.node] !== undefined) {
          this.select(message.node, false);
          this.graph.reveal(message.node);
        }
        break;
      case 'stale':
        this.showStale(message.reason ?? undefined);
        break;
      case 'notice':
        this.notice.textContent = message.message;
        this.notice.className = `gl-notice gl-notice--${message.level}`;
        if (message.level === 'error' && this.inspection !== null) {
          // Put the table back as the inspection has it (the typed value was not taken).
          this.table.render(this.inspection.result, this.settings.precision, this.selected);
        }
        break;
      default:
        assertNever(message);
    }
  }

  private snapshot(
    inspection: PanelInspection | null,
    settings: PanelSettings,
    selectedNode: number | null,
  ): void {
    const previous = this.inspection;
    this.inspection = inspection;
    this.settings = settings;
    this.snapshots += 1;
    this.root.dataset.snapshots = String(this.snapshots);
    this.notice.textContent = '';
    if (inspection === null) {
      this.stopPlaying();
      this.graph.clear();
      this.renderEmpty('Select code and run “Gradient Lens: Inspect Derivatives”.');
      this.postHighlight(null);
      return;
    }
    const { result } = inspection;
    const size = result.nodes.length;
    if (this.restored !== undefined && this.restored.uri === inspection.uri) {
      const ui = this.restored.ui;
      this.mode = ui.mode;
      this.index = ui.index;
      this.hideConstants = ui.hideConstants;
      this.hideOffPath = ui.hideOffPath;
      this.selected = ui.selectedNode;
    } else if (previous !== null && previous.uri !== inspection.uri) {
      this.index = null;
      this.selected = null;
    }
    this.restored = undefined;
    if (selectedNode !== null) {
      this.selected = selectedNode;
    }
    if (this.selected !== null && this.selected >= size) {
      this.selected = null;
    }
    this.forwardTotal = forwardOrder(result).length;
    this.index = clampStep(this.index, this.total());
    if (this.index === null) {
      this.stopPlaying();
    }
    this.renderLayout();
    this.draw();
    this.renderHeading();
    this.showStale(inspection.stale);
    this.table.render(result, settings.precision, this.selected);
    this.applySelection();
    this.applySteps();
    this.find(this.findText, false);
    if (selectedNode !== null) {
      this.graph.reveal(selectedNode);
    }
    this.root.setAttribute('aria-busy', 'false');
    this.saveState();
  }

  private post(message: Parameters<Host['post']>[0]): void {
    this.host.post(message);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private renderEmpty(text: string): void {
    this.root.replaceChildren(h('p', { class: 'gl-empty', text }), this.notice);
    this.root.setAttribute('aria-busy', 'false');
  }

  /** The page's parts, put in place once (later snapshots only update them). */
  private renderLayout(): void {
    if (this.root.contains(this.main)) {
      return;
    }
    const explain = h(
      'section',
      {
        class: 'gl-explain',
        attrs: { id: 'gl-explain', 'aria-live': 'polite', 'aria-label': 'current step' },
      },
      [this.explainTitle, this.equation, this.explainDetails],
    );
    this.root.replaceChildren(
      h('header', { class: 'gl-header' }, [this.heading, this.headingExtra]),
      this.stale,
      this.notice,
      this.toolbar.element,
      explain,
      this.main,
      this.table.element,
    );
  }

  private draw(): void {
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    const { result } = inspection;
    const limit = this.settings.askBeforeDrawing ?? ASK_BEFORE_DRAWING_NODES;
    if (result.nodes.length > limit && this.drawAgreed !== inspection.uri) {
      this.askBeforeDrawing(inspection);
      return;
    }
    const drawing = drawGraph(result, {
      precision: this.settings.precision,
      colors: 'theme',
      hideConstants: this.hideConstants,
      hideOffPath: this.hideOffPath,
      ...(this.nonce === undefined ? {} : { nonce: this.nonce }),
    });
    // Same document, same graph shape, same filters: keep the user's pan and zoom.
    const key = [
      inspection.uri,
      result.nodes.length,
      result.output.id,
      this.hideConstants,
      this.hideOffPath,
    ].join('|');
    this.graph.show(
      drawing.svg,
      drawing.width,
      drawing.height,
      drawing.layout,
      key === this.drawingKey,
    );
    this.drawingKey = key;
  }

  /** The table, steps and details work without the drawing; only the drawing waits. */
  private askBeforeDrawing(inspection: PanelInspection): void {
    const count = inspection.result.nodes.length.toLocaleString('en-US');
    this.drawingKey = '';
    this.graph.ask(
      `This graph has ${count} nodes. Drawing it may take a while and a lot of memory; ` +
        'the inputs table and the step-through work without it.',
      'Draw the graph',
      () => {
        this.drawAgreed = inspection.uri;
        this.draw();
        this.applySelection();
        this.applySteps();
      },
    );
  }

  private renderHeading(): void {
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    const { result } = inspection;
    const format = { precision: this.settings.precision };
    this.heading.replaceChildren(
      `${result.output.name} = `,
      h('span', { class: 'gl-value-text', text: formatNumber(result.value, format) }),
    );
    const point = result.inputs
      .map((input) => `${input.name} = ${formatNumber(input.value, format)}`)
      .join(', ');
    const extra: (HTMLElement | string)[] = [
      h('span', { class: 'gl-file', text: inspection.fileName }),
      point.length > 0 ? h('span', { class: 'gl-point', text: `at ${point}` }) : '',
    ];
    if (inspection.outputChosen) {
      extra.push(
        button(
          "Back to the code's output",
          "differentiate the code's own output",
          () => this.post({ type: 'chooseOutput', node: null }),
          { action: 'reset-output' },
        ),
      );
    }
    this.headingExtra.replaceChildren(...extra);
  }

  private showStale(reason: string | undefined): void {
    this.stale.hidden = reason === undefined;
    this.stale.textContent = reason === undefined ? '' : `Stale: ${reason}`;
    this.root.classList.toggle('gl-is-stale', reason !== undefined);
  }

  private applySelection(): void {
    for (const [id, node] of this.graph.nodes) {
      node.classList.toggle('gl-node--selected', id === this.selected);
    }
    for (const row of this.table.element.querySelectorAll<HTMLElement>('tr[data-node]')) {
      row.classList.toggle('gl-selected', Number(row.dataset.node) === this.selected);
    }
    this.showDetails();
  }

  private showDetails(): void {
    const inspection = this.inspection;
    const id = this.hovered ?? this.selected ?? this.active;
    this.details.show(
      inspection === null
        ? undefined
        : {
            result: inspection.result,
            precision: this.settings.precision,
            fileName: inspection.fileName,
            lineOffset: inspection.lineOffset,
            outputChosen: inspection.outputChosen,
          },
      id,
    );
  }

  /** Marks edges and nodes for the current step and writes the explanation. */
  private applySteps(): void {
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    const { result } = inspection;
    const format = { precision: this.settings.precision };
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
      explanation = frame?.explanation ?? this.wholePicture();
    }
    if (this.mode === 'forward' && index === null) {
      explanation = this.wholePicture();
    }
    for (const [id, node] of this.graph.nodes) {
      node.classList.toggle('gl-node--active', id === active);
      node.classList.toggle('gl-node--upstream', id === upstream);
    }
    this.explainTitle.textContent = explanation.title;
    this.equation.textContent = explanation.equation;
    this.explainDetails.replaceChildren(
      ...explanation.details.map((line) => h('li', { text: line })),
    );
    this.updateToolbar();
    if (stepping && active !== null) {
      this.graph.reveal(active);
    }
    this.postHighlight(active);
    if (active !== this.active) {
      this.active = active;
      this.showDetails();
    }
  }

  private wholePicture(): Explanation {
    const result = this.inspection!.result;
    const format = { precision: this.settings.precision };
    const pass = this.mode === 'backward' ? 'backward' : 'forward';
    return {
      title: 'The whole picture',
      equation: `${result.output.name} = ${formatNumber(result.value, format)}`,
      details: [
        'forward values above the edges, gradients below them',
        `step through the ${pass} pass with ▶ or the → key`,
      ],
    };
  }

  private postHighlight(node: number | null): void {
    if (node !== this.highlighted) {
      this.highlighted = node;
      this.post({ type: 'highlightNode', node });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  private total(): number {
    const inspection = this.inspection;
    if (inspection === null) {
      return 0;
    }
    return this.mode === 'backward' ? inspection.result.steps.length : this.forwardTotal;
  }

  private step(command: StepCommand): void {
    this.goTo(moveStep(this.index, this.total(), command));
  }

  private goTo(index: number | null): void {
    if (index === null) {
      this.stopPlaying();
    }
    this.index = index;
    this.applySteps();
    this.saveState();
  }

  private setMode(mode: StepMode): void {
    if (mode === this.mode) {
      return;
    }
    this.stopPlaying();
    this.mode = mode;
    this.index = this.total() > 0 ? 0 : null;
    this.applySteps();
    this.saveState();
  }

  private setSpeed(ms: number): void {
    this.speedMs = ms;
    if (this.playing !== undefined) {
      this.stopPlaying();
      this.startPlaying();
    }
  }

  private togglePlay(): void {
    if (this.playing !== undefined) {
      this.stopPlaying();
      this.applySteps();
      return;
    }
    const total = this.total();
    if (total === 0) {
      return;
    }
    if (this.index === null || this.index >= total - 1) {
      this.index = 0;
    }
    this.startPlaying();
    this.applySteps();
  }

  private startPlaying(): void {
    this.playing = setInterval(() => {
      const total = this.total();
      if (this.index === null || this.index >= total - 1) {
        this.stopPlaying();
        this.applySteps();
        return;
      }
      this.goTo(this.index + 1);
      if (this.index >= total - 1) {
        this.stopPlaying();
        this.applySteps();
      }
    }, this.speedMs);
  }

  private stopPlaying(): void {
    if (this.playing !== undefined) {
      clearInterval(this.playing);
      this.playing = undefined;
    }
  }

  private select(node: number, reveal: boolean): void {
    if (this.inspection?.result.nodes[node] === undefined) {
      return;
    }
    this.selected = node;
    this.applySelection();
    this.post({ type: 'selectNode', node, reveal });
    this.saveState();
  }

  private setFilters(hideConstants: boolean, hideOffPath: boolean): void {
    this.hideConstants = hideConstants;
    this.hideOffPath = hideOffPath;
    this.draw();
    this.applySelection();
    this.applySteps();
    this.find(this.findText, false);
    this.saveState();
  }

  private find(text: string, next: boolean): void {
    this.findText = text;
    const inspection = this.inspection;
    const needle = text.trim().toLowerCase();
    this.matches = [];
    if (inspection !== null && needle.length > 0) {
      for (const node of inspection.result.nodes) {
        const names = [node.name ?? '', node.label, node.symbol];
        if (node.id === inspection.result.output.id) {
          names.push(inspection.result.output.name);
        }
        if (
          this.graph.node(node.id) !== undefined &&
          names.some((name) => name.toLowerCase().includes(needle))
        ) {
          this.matches.push(node.id);
        }
      }
    }
    const matched = new Set(this.matches);
    for (const [id, node] of this.graph.nodes) {
      node.classList.toggle('gl-node--match', matched.has(id));
    }
    if (!next) {
      this.matchAt = -1;
    } else if (this.matches.length > 0) {
      this.matchAt = (this.matchAt + 1) % this.matches.length;
      const id = this.matches[this.matchAt]!;
      this.select(id, false);
      this.graph.reveal(id);
    }
    this.updateToolbar();
  }

  private updateToolbar(): void {
    this.toolbar.update({
      mode: this.mode,
      index: this.index,
      total: this.total(),
      playing: this.playing !== undefined,
      hideConstants: this.hideConstants,
      hideOffPath: this.hideOffPath,
      findStatus: this.findStatus(),
    });
  }

  private findStatus(): string {
    if (this.findText.trim().length === 0) {
      return '';
    }
    if (this.matches.length === 0) {
      return 'no match';
    }
    return this.matchAt < 0
      ? `${this.matches.length} found`
      : `${this.matchAt + 1} of ${this.matches.length}`;
  }

  private async exportAs(format: 'svg' | 'png' | 'dot'): Promise<void> {
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    const view = {
      colors: isDarkTheme() ? ('dark' as const) : ('light' as const),
      hideConstants: this.hideConstants,
      hideOffPath: this.hideOffPath,
    };
    if (format === 'svg') {
      this.post({ type: 'exportSvg', view });
    } else if (format === 'dot') {
      this.post({ type: 'exportDot' });
    } else {
      try {
        const drawing = drawGraph(inspection.result, {
          precision: this.settings.precision,
          ...view,
        });
        const dataUrl = await svgToPng(drawing.svg, drawing.width, drawing.height);
        this.post({ type: 'exportPng', dataUrl });
      } catch (error) {
        this.notice.textContent = `PNG export failed: ${describeError(error)}`;
        this.post({ type: 'log', level: 'error', message: `PNG export: ${describeError(error)}` });
      }
    }
  }

  private saveState(): void {
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    this.host.saveState({
      version: 1,
      uri: inspection.uri,
      request: inspection.request,
      ui: {
        mode: this.mode,
        index: this.index,
        hideConstants: this.hideConstants,
        hideOffPath: this.hideOffPath,
        selectedNode: this.selected,
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Events

  private listen(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    const graph = this.graph.element;
    graph.addEventListener('click', (event) => {
      const id = nodeOf(event.target);
      if (id !== undefined) {
        this.select(id, true);
      }
    });
    graph.addEventListener('mouseover', (event) => this.hover(nodeOf(event.target) ?? null));
    graph.addEventListener('mouseleave', () => this.hover(null));
    graph.addEventListener('focusin', (event) => this.hover(nodeOf(event.target) ?? null));
    graph.addEventListener('focusout', () => this.hover(null));
    graph.addEventListener('keydown', (event) => {
      const id = nodeOf(event.target);
      if (id !== undefined && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.select(id, true);
      }
    });
    document.addEventListener('keydown', (event) => this.key(event));
  }

  private hover(id: number | null): void {
    if (id !== this.hovered) {
      this.hovered = id;
      this.showDetails();
    }
  }

  private key(event: KeyboardEvent): void {
    if (
      this.inspection === null ||
      isTextField(event.target) ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey
    ) {
      return;
    }
    const actions: Readonly<Record<string, () => void>> = {
      ArrowRight: () => this.step('next'),
      ArrowLeft: () => this.step('previous'),
      Home: () => this.step('first'),
      End: () => this.step('last'),
      Escape: () => this.goTo(null),
      p: () => this.togglePlay(),
      '+': () => this.graph.zoomBy(1.25),
      '=': () => this.graph.zoomBy(1.25),
      '-': () => this.graph.zoomBy(1 / 1.25),
      '0': () => this.graph.fit(),
      '/': () => document.getElementById('gl-find')?.focus(),
    };
    const action = actions[event.key];
    if (action !== undefined) {
      event.preventDefault();
      action();
    }
  }
}

function setEdgeState(edge: Element, state: EdgeState | undefined): void {
  for (const each of EDGE_STATES) {
    edge.classList.toggle(`gl-edge--${each}`, each === state);
  }
}

function nodeOf(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) {
    return undefined;
  }
  const node = target.closest<SVGGElement>('g.gl-node');
  const id = node?.dataset.node;
  return id === undefined ? undefined : Number(id);
}

function isDarkTheme(): boolean {
  const classes = document.body.classList;
  return (
    classes.contains('vscode-dark') ||
    (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'))
  );
}

/** Bytes that do not decode or parse become undefined, which the message check drops. */
function decodeJson(json: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(json)) as unknown;
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}

function main(): void {
  const host = connectHost();
  window.addEventListener('error', (event) => {
    host.post({ type: 'log', level: 'error', message: `panel: ${event.message}` });
  });
  const root = document.getElementById('app') ?? document.body;
  const script = document.querySelector<HTMLScriptElement>('script[nonce]');
  const nonce = script?.nonce || undefined;
  new App(host, root, nonce).start();
}

main();
