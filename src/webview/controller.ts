/**
 * The panel's controller: receives and checks the host's messages, keeps the page's state
 * (the inspection, the settings, the selection, the filters) and saves it with setState so the
 * panel comes back as it was, and hands each concern to its part: the drawing host, the step
 * player, the finder, the exporter, the node details, the inputs table and the toolbar.
 */
import { formatNumber } from '../engine/format';
import { drawGraph } from '../present/graph/drawGraph';
import { isEncodedHostMessage, parseHostMessage, parsePanelState } from '../protocol/messages';
import type {
  HostMessage,
  PanelInspection,
  PanelScalarExpansion,
  PanelSettings,
  PanelStatus,
  PanelTensorInspection,
  PanelUiState,
} from '../protocol/protocol';
import { BackwardMarksView } from './backwardMarks';
import { NodeDetails } from './details';
import { button, h, isTextField } from './dom';
import { DrawingHost } from './drawingHost';
import { ExpansionBar } from './expansionBar';
import { Exporter, describeError } from './exporter';
import { Finder } from './finder';
import { groupOf, nodeOf } from './graphTargets';
import { GraphView } from './graphView';
import { allGroups, isFolded, openedTo, openingCollapsed } from '../present/graph/groupFolding';
import { InputPoint } from './inputPoint';
import { InputsTable } from './inputsTable';
import { MessageArrival } from './pageTimings';
import { StatusBanner, type ShownResult } from './statusBanner';
import { StepPlayer } from './stepPlayer';
import { stepKeys } from './stepPosition';
import { TensorDetails } from './tensorDetails';
import { TensorList } from './tensorList';
import { TensorStepPlayer } from './tensorStepPlayer';
import { Toolbar } from './toolbar';
import type { Host } from './vscodeApi';
import { assertNever } from '../engine/assertNever';

export class PanelController {
  private inspection: PanelInspection | null = null;
  /** The result of code with arrays shown as a list instead (then `inspection` is null). */
  private tensorInspection: PanelTensorInspection | null = null;
  private settings: PanelSettings = { precision: 6 };
  private hideConstants = false;
  private hideOffPath = false;
  /** Groups (loops, iterations, calls) drawn collapsed; kept while the document stays. */
  private collapsed = new Set<number>();
  private selected: number | null = null;
  private hovered: number | null = null;
  /** The node the step-through is at, if stepping. */
  private active: number | null = null;
  private highlighted: number | null = null;
  private snapshots = 0;
  private restored: { uri: string; ui: PanelUiState } | undefined;
  /** Whether the result is the last inspection's (the host says after every snapshot). */
  private status: PanelStatus = { kind: 'current' };
  /** When the message being handled arrived: `drawn` reports the page's stages from it. */
  private readonly arrival = new MessageArrival();
  private readonly banner = new StatusBanner(() => this.host.post({ type: 'showPrevious' }));

  private readonly heading = h('h2', { class: 'gl-output', attrs: { id: 'gl-output' } });
  private readonly headingExtra = h('div', { class: 'gl-heading-extra' });
  private readonly point = new InputPoint();
  private readonly stale = h('p', {
    class: 'gl-stale',
    attrs: { id: 'gl-stale', role: 'status', hidden: '' },
  });
  private readonly notice = h('p', {
    class: 'gl-notice',
    attrs: { id: 'gl-notice', role: 'status' },
  });
  private readonly graph = new GraphView();
  private readonly backwardMarks = new BackwardMarksView();
  private readonly drawing: DrawingHost;
  private readonly player: StepPlayer;
  private readonly finder: Finder;
  private readonly exporter: Exporter;
  private readonly details: NodeDetails;
  private readonly table: InputsTable;
  private readonly tensorList: TensorList;
  private readonly tensorSteps = new TensorStepPlayer((node) => this.postHighlight(node));
  private readonly expansion = new ExpansionBar({
    expand: () => this.host.post({ type: 'expandScalars' }),
    back: () => this.leaveExpansion(),
  });
  /** The tensor result expanded to scalars and shown as such, and each scalar node's tensor node. */
  private expanded: { from: PanelTensorInspection; owners: readonly number[] } | null = null;
  private readonly tensorDetails = new TensorDetails((message) => this.host.post(message));
  private readonly toolbar: Toolbar;
  private readonly main: HTMLElement;

  constructor(
    private readonly host: Host,
    private readonly root: HTMLElement,
    nonce: string | undefined,
  ) {
    this.drawing = new DrawingHost(this.graph, nonce, () => {
      this.draw();
      this.applySelection();
      this.applySteps();
    });
    this.player = new StepPlayer(this.graph, {
      moved: () => {
        this.applySteps();
        this.saveState();
      },
      replay: () => this.applySteps(),
    });
    this.finder = new Finder(
      this.graph,
      (node) => this.inspection !== null && isFolded(this.inspection.result, this.collapsed, node),
    );
    this.exporter = new Exporter(
      (message) => this.host.post(message),
      (reason) => {
        this.notice.textContent = reason;
      },
    );
    this.details = new NodeDetails({
      revealSource: (node) => this.select(node, true),
      chooseOutput: (node) => {
        if (this.expanded === null) {
          this.host.post({ type: 'chooseOutput', node });
        }
      },
    });
    this.table = new InputsTable({
      setValue: (name, value) => {
        if (this.expanded === null) {
          this.host.post({ type: 'setValues', values: { [name]: value } });
        } else {
          this.expansion.refused('Values are edited in the code or back in the tensors.');
        }
      },
      selectNode: (node) => this.select(node, true),
    });
    this.tensorList = new TensorList(
      { selectNode: (node) => this.selectTensorNode(node) },
      nonce,
      this.exporter,
    );
    this.toolbar = new Toolbar({
      step: (command) => this.player.step(command),
      stepGroup: () => this.player.stepGroup(),
      togglePlay: () => this.player.togglePlay(),
      showAll: () => this.player.goTo(null),
      setMode: (mode) => this.player.setMode(mode),
      setSpeed: (ms) => this.player.setSpeed(ms),
      fit: () => this.graph.fit(),
      zoom: (factor) => this.graph.zoomBy(factor),
      setAllCollapsed: (collapse) => this.setAllCollapsed(collapse),
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
    this.arrival.arrive();
    const message = isEncodedHostMessage(data) ? decodeJson(data.json) : data;
    this.arrival.decodedNow();
    const parsed = parseHostMessage(message);
    this.arrival.checkedNow();
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
        this.expanded = null;
        this.tensorInspection = null;
        this.snapshot(message.inspection, message.settings, message.selectedNode);
        break;
      case 'tensorSnapshot':
        this.expanded = null;
        this.tensorSnapshot(message.inspection, message.settings);
        break;
      case 'scalarExpansion':
        this.showExpansion(message.expansion);
        break;
      case 'selectNode':
        if (this.tensorInspection !== null) {
          this.tensorList.select(message.node);
          this.tensorDetails.open(message.node);
        } else if (this.inspection?.result.nodes[message.node] !== undefined) {
          this.openGroupsTo(message.node);
          this.select(message.node, false);
          this.graph.reveal(message.node);
        }
        break;
      case 'tensorWindow':
      case 'elementChain':
      case 'tensorRequestFailed':
        this.tensorDetails.receive(message);
        break;
      case 'stale':
        this.showStale(message.reason ?? undefined);
        break;
      case 'status':
        this.status = message.status;
        this.applyStatus();
        break;
      case 'backwardMarks':
        this.backwardMarks.set(message.uri, message.marks);
        this.applyBackwardMarks();
        if (this.inspection !== null) {
          this.showDetails();
        }
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
        assertNever(message, 'message');
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
    // The marks name nodes of the previous graph: the host sends this one's after it.
    this.backwardMarks.clear();
    if (inspection === null) {
      this.player.load(undefined);
      this.graph.clear();
      this.renderEmpty('Select code and run “Gradient Lens: Inspect Derivatives”.');
      this.postHighlight(null);
      this.reportDrawn();
      return;
    }
    const { result } = inspection;
    const size = result.nodes.length;
    if (this.restored !== undefined && this.restored.uri === inspection.uri) {
      const ui = this.restored.ui;
      this.player.mode = ui.mode;
      this.player.index = ui.index;
      this.hideConstants = ui.hideConstants;
      this.hideOffPath = ui.hideOffPath;
      this.selected = ui.selectedNode;
    } else if (previous !== null && previous.uri !== inspection.uri) {
      this.player.index = null;
      this.selected = null;
    }
    if (
      previous === null ||
      previous.uri !== inspection.uri ||
      previous.result.nodes.length !== size
    ) {
      // A new graph: above COLLAPSE_ABOVE_NODES drawn nodes, its groups start collapsed.
      this.collapsed = openingCollapsed(result, this.hideConstants);
    }
    const groupCount = result.groups?.length ?? 0;
    this.collapsed = new Set([...this.collapsed].filter((group) => group < groupCount));
    this.restored = undefined;
    if (selectedNode !== null) {
      this.selected = selectedNode;
    }
    if (this.selected !== null && this.selected >= size) {
      this.selected = null;
    }
    this.player.load(result);
    this.renderLayout();
    this.draw();
    this.renderHeading();
    this.showStale(inspection.stale);
    this.applyStatus();
    this.table.render(result, settings.precision, this.selected);
    this.applySelection();
    this.applySteps();
    this.finder.refresh(result);
    this.updateToolbar();
    if (selectedNode !== null) {
      this.graph.reveal(selectedNode);
    }
    this.root.setAttribute('aria-busy', 'false');
    this.saveState();
    this.reportDrawn();
  }

  /** A result of code with arrays: listed, in place of the graph and its tools. */
  private tensorSnapshot(inspection: PanelTensorInspection, settings: PanelSettings): void {
    this.inspection = null;
    this.tensorInspection = inspection;
    this.settings = settings;
    this.snapshots += 1;
    this.root.dataset.snapshots = String(this.snapshots);
    this.notice.textContent = '';
    this.backwardMarks.clear();
    this.restored = undefined;
    this.selected = null;
    this.player.load(undefined);
    this.graph.clear();
    this.postHighlight(null);
    this.tensorList.render(inspection, settings.precision);
    this.tensorDetails.load(inspection, settings.precision);
    this.tensorSteps.load(inspection.result, settings.precision, this.tensorList.element);
    this.expansion.showTensor();
    this.root.replaceChildren(
      this.banner.element,
      this.stale,
      this.notice,
      this.expansion.element,
      this.tensorSteps.element,
      this.tensorList.element,
      this.tensorDetails.element,
    );
    this.showStale(inspection.stale);
    this.applyStatus();
    this.root.setAttribute('aria-busy', 'false');
    this.saveState();
    this.reportDrawn();
  }

  /** The host's answer to "Expand to scalars": the scalar graph with the way back, or why not. */
  private showExpansion(expansion: PanelScalarExpansion): void {
    const from = this.tensorInspection;
    if (from === null) {
      return;
    }
    if (expansion.kind === 'refused') {
      this.expansion.refused(expansion.reason);
      return;
    }
    if (expansion.inspection.uri !== from.uri) {
      return;
    }
    this.tensorSteps.stop();
    this.tensorInspection = null;
    this.expanded = { from, owners: expansion.owners };
    this.snapshot(expansion.inspection, this.settings, null);
    this.expansion.showExpanded(expansion.inspection.result.output.name);
    this.root.insertBefore(this.expansion.element, this.banner.element.nextSibling);
  }

  private leaveExpansion(): void {
    const expanded = this.expanded;
    if (expanded !== null) {
      this.expanded = null;
      this.tensorSnapshot(expanded.from, this.settings);
    }
  }

  /** The node the host knows: in the expanded graph, the tensor node a scalar node is part of. */
  private hostNode(node: number): number | undefined {
    return this.expanded === null ? node : this.expanded.owners[node];
  }

  /** Tells the host when this snapshot is on screen: the next frame paints what was laid out. */
  private reportDrawn(): void {
    const snapshot = this.snapshots;
    this.arrival.afterNextFrame((timings) => this.host.post({ type: 'drawn', snapshot, timings }));
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private renderEmpty(text: string): void {
    this.root.replaceChildren(
      this.banner.element,
      h('p', { class: 'gl-empty', text }),
      this.notice,
    );
    this.applyStatus();
    this.root.setAttribute('aria-busy', 'false');
  }

  /** The page's parts, put in place once (later snapshots only update them). */
  private renderLayout(): void {
    if (this.root.contains(this.main)) {
      return;
    }
    this.root.replaceChildren(
      this.banner.element,
      h('header', { class: 'gl-header' }, [this.heading, this.headingExtra]),
      this.stale,
      this.notice,
      this.toolbar.element,
      this.player.element,
      this.main,
      this.table.element,
    );
  }

  private draw(): void {
    if (this.inspection !== null) {
      this.drawing.draw(this.inspection, this.settings, {
        hideConstants: this.hideConstants,
        hideOffPath: this.hideOffPath,
        collapsed: this.collapsed,
      });
      this.applyBackwardMarks();
    }
  }

  private applyBackwardMarks(): void {
    if (this.inspection !== null) {
      this.backwardMarks.draw(this.graph, this.inspection.uri, this.settings.precision);
    } else if (this.tensorInspection !== null) {
      this.backwardMarks.list(
        this.tensorList.element,
        this.tensorInspection.uri,
        this.settings.precision,
      );
    }
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
    this.point.render(point);
    const extra: (HTMLElement | string)[] = [
      h('span', { class: 'gl-file', text: inspection.fileName }),
      this.point.element,
    ];
    if (inspection.outputChosen) {
      extra.push(
        button(
          "Back to the code's output",
          "differentiate the code's own output",
          () => this.host.post({ type: 'chooseOutput', node: null }),
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

  /** The banner over the result; a refused reading keeps the result out of sight. */
  private applyStatus(): void {
    const hidden = this.banner.render(this.status, this.shownResult());
    this.root.classList.toggle('gl-result-hidden', hidden);
    this.root.classList.toggle('gl-is-earlier', this.status.kind !== 'current' && !hidden);
  }

  private shownResult(): ShownResult | undefined {
    const shown = this.inspection ?? this.tensorInspection;
    return shown === null
      ? undefined
      : { fileName: shown.fileName, output: shown.result.output.name };
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
    const marks =
      inspection === null || id === null
        ? undefined
        : this.backwardMarks.details(inspection.uri, id, this.settings.precision);
    if (marks !== undefined) {
      this.details.element.append(marks);
    }
  }

  /** The step player marks the current step; the editor's line and the details follow it. */
  private applySteps(): void {
    if (this.inspection === null) {
      return;
    }
    const active = this.player.apply(this.settings.precision);
    this.updateToolbar();
    this.postHighlight(active);
    if (active !== this.active) {
      this.active = active;
      this.showDetails();
    }
  }

  private postHighlight(node: number | null): void {
    if (node !== this.highlighted) {
      this.highlighted = node;
      this.host.post({
        type: 'highlightNode',
        node: node === null ? null : (this.hostNode(node) ?? null),
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  /** A node of a tensor result picked (its row, its drawing): its source and its details. */
  private selectTensorNode(node: number): void {
    this.host.post({ type: 'selectNode', node, reveal: true });
    this.tensorList.select(node);
    this.tensorDetails.open(node);
  }

  private select(node: number, reveal: boolean): void {
    if (this.inspection?.result.nodes[node] === undefined) {
      return;
    }
    this.selected = node;
    this.applySelection();
    const hostNode = this.hostNode(node);
    if (hostNode !== undefined) {
      this.host.post({ type: 'selectNode', node: hostNode, reveal });
    }
    this.saveState();
  }

  /** Collapses an expanded group, or expands a collapsed one; the view stays where it is. */
  private toggleGroup(group: number): void {
    if (this.collapsed.has(group)) {
      this.collapsed.delete(group);
    } else {
      this.collapsed.add(group);
    }
    this.draw();
    this.applySelection();
    this.applySteps();
    this.graph.focusGroup(group);
  }

  /** Expand all, collapse all: every group at once. */
  private setAllCollapsed(collapse: boolean): void {
    const result = this.inspection?.result;
    if (result === undefined) {
      return;
    }
    this.collapsed = collapse ? allGroups(result) : new Set();
    this.redrawGroups();
  }

  /** Opens the collapsed groups around `node` (Find, "Show in graph"), so it is drawn. */
  private openGroupsTo(node: number): void {
    const result = this.inspection?.result;
    const opened = result === undefined ? undefined : openedTo(result, this.collapsed, node);
    if (opened !== undefined) {
      this.collapsed = opened;
      this.redrawGroups();
    }
  }

  private redrawGroups(): void {
    this.draw();
    this.applySelection();
    this.applySteps();
    this.finder.refresh(this.inspection?.result);
    this.updateToolbar();
  }

  private setFilters(hideConstants: boolean, hideOffPath: boolean): void {
    this.hideConstants = hideConstants;
    this.hideOffPath = hideOffPath;
    this.draw();
    this.applySelection();
    this.applySteps();
    this.finder.refresh(this.inspection?.result);
    this.updateToolbar();
    this.saveState();
  }

  private find(text: string, next: boolean): void {
    const id = this.finder.find(this.inspection?.result, text, next);
    if (id !== undefined) {
      this.openGroupsTo(id);
      this.select(id, false);
      this.graph.reveal(id);
    }
    this.updateToolbar();
  }

  private updateToolbar(): void {
    this.toolbar.update({
      mode: this.player.mode,
      index: this.player.index,
      total: this.player.total(),
      playing: this.player.isPlaying,
      hideConstants: this.hideConstants,
      hideOffPath: this.hideOffPath,
      findStatus: this.finder.status(),
      groups: this.inspection?.result.groups?.length ?? 0,
    });
  }

  private async exportAs(format: 'svg' | 'png' | 'dot'): Promise<void> {
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    await this.exporter.export(format, {
      draw: (options) => drawGraph(inspection.result, options),
      precision: this.settings.precision,
      hideConstants: this.hideConstants,
      hideOffPath: this.hideOffPath,
    });
  }

  private saveState(): void {
    const tensor = this.tensorInspection;
    if (tensor !== null) {
      // The list has no view state of its own: what was inspected is enough to show it again.
      this.host.saveState({ version: 1, uri: tensor.uri, request: tensor.request });
      return;
    }
    const inspection = this.inspection;
    if (inspection === null) {
      return;
    }
    this.host.saveState({
      version: 1,
      uri: inspection.uri,
      request: inspection.request,
      ui: {
        mode: this.player.mode,
        index: this.player.index,
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
      const group = groupOf(event.target);
      if (group !== undefined) {
        this.toggleGroup(group);
        return;
      }
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
      const group = groupOf(event.target);
      if (group !== undefined && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.toggleGroup(group);
        return;
      }
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
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    if (this.tensorInspection !== null && !isTextField(event.target) && !modified) {
      if (!this.tensorSteps.key(event)) {
        this.tensorList.handleKey(event);
      }
      return;
    }
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
      ...stepKeys(this.player),
      ']': () => this.player.stepGroup(),
      '+': () => this.graph.zoomBy(1.25),
      '=': () => this.graph.zoomBy(1.25),
      '-': () => this.graph.zoomBy(1 / 1.25),
      '0': () => this.graph.fit(),
      '/': () => document.getElementById('gl-find')?.focus(),
      e: () => this.setAllCollapsed(false),
      c: () => this.setAllCollapsed(true),
    };
    const action = actions[event.key];
    if (action !== undefined) {
      event.preventDefault();
      action();
    }
  }
}

/** Bytes that do not decode or parse become undefined, which the message check drops. */
function decodeJson(json: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(json)) as unknown;
  } catch {
    return undefined;
  }
}
