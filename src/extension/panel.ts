/**
 * The graph panel: one webview panel, reused, showing the inspection of the document it was
 * last opened for and following it as it changes. The page (src/webview, bundled into
 * dist/webview) runs under a strict Content-Security-Policy with a per-page random nonce and
 * may load only from dist/webview. Host and page talk through src/protocol (protocol.ts, messages.ts): the
 * page says `ready`, gets one full snapshot, then snapshots on every change; every message the
 * page sends is checked and anything unknown is dropped and logged.
 *
 * The page is told whether its result is the last inspection's (PanelStatus): while another
 * selection is read it is marked as an earlier selection's, and when that reading is refused
 * the page says so at the top, the error and its place, and hides the older result until the
 * user asks for it.
 *
 * A WebviewPanelSerializer brings the panel back after a window reload: the page's saved state
 * names the document and what was inspected, and the inspection is made again from it.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { latexTable, markdownTable } from '../present/derivativeTable';
import { toDot } from '../present/graph/dot';
import { drawGraph } from '../present/graph/drawGraph';
import { panelHtml } from '../present/panelHtml';
import type {
  DocumentInspection,
  DocumentRequest,
  ScalarInspection,
  TensorInspection,
} from '../present/inspection';
import {
  PNG_DATA_URL_PREFIX,
  parsePanelState,
  parseWebviewMessage,
  snapshotMessage,
  tensorSnapshotJsonAround,
  tensorSnapshotMessage,
} from '../protocol/messages';
import type {
  ExportView,
  HostMessage,
  NoticeLevel,
  PanelInspection,
  PanelPlace,
  PanelSettings,
  PanelStatus,
  WebviewMessage,
} from '../protocol/protocol';
import { tensorPanelResult } from '../protocol/tensorPanel';
import { toWire } from '../protocol/wire';
import type { BackwardCheckReport } from '../core/handBackward/report';
import { backwardMarks } from '../present/backwardMarks';
import { toVscodeRange } from './documentSource';
import { encodedMessage, encodedSnapshot } from './encodedSnapshot';
import { inspectDocument, optionalRequestFields, type InspectFailure } from './inspector';
import { panelAnswers } from './lazyPanelAnswers';
import type { InspectionStore } from './inspectionStore';
import { recordDrawn, recordPosted } from './inspectionStages';
import { readSettings } from './settings';
import { markWalkthroughStep } from './walkthrough';
import { assertNever } from '../engine/assertNever';

export const PANEL_VIEW_TYPE = 'gradientLens.panel';

export interface PanelDependencies {
  /** The extension's folder: the page loads dist/webview from it and nothing else. */
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The backward checks' latest reports: their marks go on the graph. */
  readonly backward?: BackwardReports;
}

export interface BackwardReports {
  /** The last report, if the document is as it was checked. */
  currentReportOf(uri: vscode.Uri): BackwardCheckReport | undefined;
  readonly onDidChangeReport: vscode.Event<string>;
}

type ExportFormat = 'svg' | 'png' | 'dot';

/** The page put a snapshot on screen: `at` is the host's performance.now() when it said so. */
export interface PanelDrawn {
  readonly uri: string | undefined;
  readonly snapshot: number;
  readonly at: number;
}

const EXPORT_FILTERS: Readonly<Record<ExportFormat, Record<string, string[]>>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
  dot: { 'Graphviz DOT': ['dot', 'gv'] },
};

export class InspectionPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  private uri: string | undefined;
  /** A node to select in the next snapshot (the hover's "Show in graph"). */
  private selectedNode: number | undefined;
  /** Whether the page has said `ready` (it reloads when hidden and shown again). */
  private ready = false;
  /** The result the page shows, to tell a new inspection from a mere change of staleness. */
  private shownResult: DocumentInspection['result'] | undefined;
  /** The node a step-through is at: its source is highlighted. */
  private highlighted: number | undefined;
  /** Whether the result shown is the last inspection's; see PanelStatus. */
  private status: PanelStatus = { kind: 'current' };
  /** The status before a reading began: back to it if the user cancels that reading. */
  private statusBefore: PanelStatus = { kind: 'current' };
  private readonly lineDecoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });
  private readonly rangeDecoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
    borderStyle: 'solid',
    borderWidth: '1px',
    overviewRulerColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly drawn = new vscode.EventEmitter<PanelDrawn>();
  /** Fires when the page has drawn a snapshot (the tests' latency is measured to it). */
  readonly onDidDraw = this.drawn.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: InspectionStore,
    private readonly deps: PanelDependencies,
  ) {
    this.subscriptions = [
      store.onDidChange((uri) => {
        if (uri === undefined || uri === this.uri) {
          this.inspectionChanged();
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyHighlight()),
      ...(deps.backward === undefined
        ? []
        : [
            deps.backward.onDidChangeReport((uri) => {
              if (uri === this.uri) {
                this.postBackwardMarks();
              }
            }),
          ]),
      this.lineDecoration,
      this.rangeDecoration,
      this.drawn,
    ];
  }

  /** Open panels (0 or 1) and the listeners held for the open one: leaks show in tests. */
  get liveCounts(): { readonly panels: number; readonly panelListeners: number } {
    return {
      panels: this.panel === undefined ? 0 : 1,
      panelListeners: this.panelSubscriptions.length,
    };
  }

  /** Opens (or reveals) the panel on the inspection of `uri`, optionally selecting a node. */
  show(uri: string, selectedNode?: number): void {
    const changed = uri !== this.uri;
    this.status = { kind: 'current' };
    if (changed) {
      this.clearHighlight();
    }
    this.uri = uri;
    this.selectedNode = selectedNode;
    if (this.panel === undefined) {
      this.attach(this.createPanel());
      return;
    }
    this.panel.reveal(undefined, true);
    if (changed) {
      this.postSnapshot();
      return;
    }
    this.postStatus();
    if (selectedNode !== undefined && this.ready) {
      this.post({ type: 'selectNode', node: selectedNode });
      this.selectedNode = undefined;
    }
  }

  /**
   * The command begins to inspect: a closed panel opens at once, so that its page loads while
   * the worker reads the code, and says that a selection is being inspected until the result
   * (or the refusal) comes; an open one marks its result as an earlier selection's. Returns
   * whether it opened the panel.
   */
  openForInspection(): boolean {
    if (this.panel !== undefined) {
      this.inspecting();
      return false;
    }
    this.clearHighlight();
    this.uri = undefined;
    this.status = { kind: 'pending' };
    this.statusBefore = { kind: 'current' };
    this.attach(this.createPanel());
    return true;
  }

  /** Closes the panel (one opened for an inspection the user cancelled). */
  close(): void {
    this.panel?.dispose();
  }

  /** Another selection is being read: an open panel marks its result as an earlier one's. */
  inspecting(): void {
    if (this.panel === undefined) {
      return;
    }
    this.statusBefore = this.status;
    this.status = { kind: 'pending' };
    this.postStatus();
  }

  /**
   * Reading `selection` of `uri` failed: an open panel says so at the top, with the error's
   * place (else the selection's), and keeps its result out of sight until the user asks for
   * it. A reading the user cancelled puts the panel back as it was.
   */
  refused(failure: InspectFailure, uri: vscode.Uri, selection: vscode.Range): void {
    if (this.panel === undefined) {
      return;
    }
    this.status =
      failure.kind === 'cancelled'
        ? this.statusBefore
        : {
            kind: 'refused',
            message: failure.message,
            place: placeOf(failure, uri, selection),
            previousShown: false,
          };
    this.postStatus();
  }

  get visibleUri(): string | undefined {
    return this.panel === undefined ? undefined : this.uri;
  }

  /** The serializer that brings the panel back after a window reload. */
  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: (panel, state) => this.revive(panel, state),
    };
  }

  /** "Export Graph as SVG…" from the command palette: the light or dark palette of the theme. */
  async exportSvg(uri: string | undefined): Promise<void> {
    const inspected = uri === undefined ? undefined : this.store.get(uri);
    if (inspected === undefined) {
      void vscode.window.showInformationMessage('Gradient Lens: inspect some code first');
      return;
    }
    const entry = this.drawable(inspected);
    if (entry === undefined) {
      return;
    }
    const kind = vscode.window.activeColorTheme.kind;
    const dark = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast;
    await this.exportDrawing(entry, {
      colors: dark ? 'dark' : 'light',
      hideConstants: false,
      hideOffPath: false,
    });
  }

  dispose(): void {
    this.clearHighlight();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.panel?.dispose();
  }

  // -------------------------------------------------------------------------------------------
  // The webview

  private createPanel(): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'Gradient Lens',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.webviewOptions(),
    );
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [this.webviewRoot()],
    };
  }

  private webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview');
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.shownResult = undefined;
    panel.webview.options = this.webviewOptions();
    const root = this.webviewRoot();
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'webview.css')).toString(),
    });
    this.updateTitle();
    this.panelSubscriptions = [
      webview.onDidReceiveMessage((data: unknown) => void this.receive(data)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // A hidden page is unloaded; it says `ready` again when shown.
        if (!webviewPanel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => {
        vscode.Disposable.from(...this.panelSubscriptions).dispose();
        this.panelSubscriptions = [];
        this.panel = undefined;
        this.ready = false;
        this.clearHighlight();
      }),
    ];
  }

  private async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel !== undefined) {
      // One panel: a second one restored from an older window layout is not needed.
      panel.dispose();
      return;
    }
    const saved = parsePanelState(state);
    this.uri = saved?.uri;
    this.attach(panel);
    if (saved?.request !== undefined && this.store.get(saved.uri) === undefined) {
      await this.restoreInspection(saved.uri, saved.request);
    }
  }

  /** Inspects again what the page last showed (after a reload the store is empty). */
  private async restoreInspection(uri: string, request: DocumentRequest): Promise<void> {
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const attempt = await inspectDocument(
        document,
        {
          selection: request.selection,
          values: request.values,
          ...optionalRequestFields(request),
        },
        { interactive: false, settings: readSettings() },
      );
      if (attempt.ok) {
        this.store.set(attempt.entry);
      } else {
        this.deps.log.info(`panel: could not restore ${uri}: ${attempt.error.message}`);
      }
    } catch (error) {
      this.deps.log.info(`panel: could not restore ${uri}: ${String(error)}`);
    }
  }

  private post(message: HostMessage): void {
    if (this.panel !== undefined && this.ready) {
      void this.panel.webview.postMessage(toWire(message));
    }
  }

  private postStatus(): void {
    this.post({ type: 'status', status: this.status });
  }

  private inspectionChanged(): void {
    this.updateTitle();
    const entry = this.current();
    if (entry !== undefined && entry.result === this.shownResult) {
      this.post({ type: 'stale', reason: entry.stale ?? null });
      this.postBackwardMarks();
      return;
    }
    this.clearHighlight();
    this.postSnapshot();
  }

  private postSnapshot(): void {
    const panel = this.panel;
    if (panel === undefined || !this.ready) {
      return;
    }
    this.updateTitle();
    const entry = this.current();
    this.shownResult = entry?.result;
    const { precision, askBeforeDrawing } = readSettings();
    const settings = { precision, askBeforeDrawing };
    const selected = this.selectedNode;
    this.selectedNode = undefined;
    switch (entry?.kind) {
      case undefined:
      case 'scalar':
        void panel.webview.postMessage(this.scalarSnapshot(entry, settings, selected));
        break;
      case 'tensor':
        void panel.webview.postMessage(this.tensorSnapshot(entry, settings));
        break;
      default:
        assertNever(entry, 'inspection');
    }
    recordPosted(entry?.uri);
    this.postStatus();
    this.postBackwardMarks();
  }

  /** The marks of the document's last backward check on the graph shown (none: cleared). */
  private postBackwardMarks(): void {
    const entry = this.current();
    if (entry === undefined || this.deps.backward === undefined) {
      return;
    }
    const report = this.deps.backward.currentReportOf(vscode.Uri.parse(entry.uri));
    // Marks are placed by line: only when the graph and the report both read the text as it is.
    const marks =
      report === undefined || entry.stale !== undefined ? [] : backwardMarks(report, entry.result);
    this.post({ type: 'backwardMarks', uri: entry.uri, marks });
  }

  /** A scalar result's snapshot, joined around the worker's JSON of it when there is one. */
  private scalarSnapshot(
    entry: ScalarInspection | undefined,
    settings: PanelSettings,
    selected: number | undefined,
  ): unknown {
    if (entry === undefined) {
      return snapshotMessage(undefined, settings, selected);
    }
    const source: Omit<PanelInspection, 'result'> = {
      uri: entry.uri,
      fileName: fileNameOf(entry.uri),
      values: entry.values,
      ...(entry.stale === undefined ? {} : { stale: entry.stale }),
      lineOffset: entry.lineOffset,
      outputChosen: this.outputChosen(entry),
      request: entry.request,
    };
    if (entry.resultJson !== undefined) {
      return encodedSnapshot(source, settings, selected, entry.resultJson);
    }
    return snapshotMessage({ ...source, result: entry.result }, settings, selected);
  }

  /** A tensor result's list, joined around the worker's JSON of it when there is one. */
  private tensorSnapshot(entry: TensorInspection, settings: PanelSettings): unknown {
    const source = {
      uri: entry.uri,
      fileName: fileNameOf(entry.uri),
      ...(entry.stale === undefined ? {} : { stale: entry.stale }),
      lineOffset: entry.lineOffset,
      outputChosen: this.outputChosen(entry),
      request: entry.request,
    };
    if (entry.resultJson !== undefined) {
      return encodedMessage(tensorSnapshotJsonAround(source, settings), entry.resultJson);
    }
    return tensorSnapshotMessage({ ...source, result: tensorPanelResult(entry.result) }, settings);
  }

  /**
   * The inspection if its graph can be drawn and exported; a tensor result cannot be yet (the
   * panel lists it), which the panel says.
   */
  private drawable(entry: DocumentInspection): ScalarInspection | undefined {
    switch (entry.kind) {
      case undefined:
      case 'scalar':
        return entry;
      case 'tensor':
        this.notify(
          'info',
          'Drawing and exporting the graph of code with arrays is not available yet.',
        );
        void vscode.window.showInformationMessage(
          'Gradient Lens: drawing and exporting the graph of code with arrays is not available yet',
        );
        return undefined;
      default:
        return assertNever(entry, 'inspection');
    }
  }

  private updateTitle(): void {
    if (this.panel === undefined) {
      return;
    }
    const name = this.current()?.result.output.name;
    this.panel.title = name === undefined ? 'Gradient Lens' : `Gradient Lens: ${name}`;
  }

  private current(): DocumentInspection | undefined {
    return this.uri === undefined ? undefined : this.store.get(this.uri);
  }

  private outputChosen(entry: DocumentInspection): boolean {
    return entry.request.output !== undefined || entry.request.outputNode !== undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Messages from the page

  private async receive(data: unknown): Promise<void> {
    const parsed = parseWebviewMessage(data);
    if (!parsed.ok) {
      this.deps.log.warn(`panel: dropped a message: ${parsed.problem}`);
      return;
    }
    try {
      await this.handle(parsed.message);
    } catch (error) {
      this.deps.log.error(`panel: ${parsed.message.type} failed: ${String(error)}`);
      this.notify('error', `${parsed.message.type} failed: ${String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.status.kind === 'pending' && this.current() === undefined) {
          // Opened for an inspection still running: the page says so until its result comes.
          this.postStatus();
          return;
        }
        this.postSnapshot();
        return;
      case 'selectNode':
        if (message.reveal) {
          await this.revealSource(message.node);
        }
        return;
      case 'highlightNode':
        if (message.node !== null) {
          markWalkthroughStep('stepped');
        }
        this.highlighted = message.node ?? undefined;
        this.applyHighlight(true);
        return;
      case 'setValues':
        markWalkthroughStep('valueEdited');
        await this.reinspect({ values: message.values });
        return;
      case 'chooseOutput':
        await this.reinspect({ output: message.node });
        return;
      case 'exportSvg': {
        const entry = this.current();
        const drawable = entry === undefined ? undefined : this.drawable(entry);
        if (drawable !== undefined) {
          await this.exportDrawing(drawable, message.view);
        }
        return;
      }
      case 'exportPng': {
        const bytes = Buffer.from(message.dataUrl.slice(PNG_DATA_URL_PREFIX.length), 'base64');
        await this.save('png', bytes);
        return;
      }
      case 'exportDot': {
        const entry = this.current();
        const drawable = entry === undefined ? undefined : this.drawable(entry);
        if (drawable !== undefined) {
          const dot = toDot(drawable.result, { precision: readSettings().precision });
          await this.save('dot', new TextEncoder().encode(dot));
        }
        return;
      }
      case 'copyTable':
        await this.copyTable(message.format);
        return;
      case 'log':
        this.deps.log[message.level](`panel: ${message.message}`);
        return;
      case 'tensorWindow':
      case 'elementChain': {
        const entry = this.current();
        const result = entry?.kind === 'tensor' ? entry.result : undefined;
        this.post(panelAnswers().tensorDetailsReply(result, message));
        return;
      }
      case 'expandScalars':
        this.post({
          type: 'scalarExpansion',
          expansion: panelAnswers().scalarExpansionOf(this.current(), fileNameOf(this.uri ?? '')),
        });
        return;
      case 'showPrevious':
        if (this.status.kind === 'refused') {
          this.status = { ...this.status, previousShown: true };
          this.postStatus();
        }
        return;
      case 'drawn':
        recordDrawn(this.uri, message.timings);
        this.drawn.fire({ uri: this.uri, snapshot: message.snapshot, at: performance.now() });
        return;
      default:
        assertNever(message, 'message');
    }
  }

  private notify(level: NoticeLevel, message: string): void {
    this.post({ type: 'notice', level, message });
  }

  // -------------------------------------------------------------------------------------------
  // The editor: the selected node's source, the step-through's line

  /** Selects the node's source in the editor that shows the document (opening it if needed). */
  private async revealSource(node: number): Promise<void> {
    const entry = this.current();
    const range = entry?.result.nodes[node]?.range;
    if (entry === undefined || range === undefined) {
      return;
    }
    const target = toVscodeRange(range, entry.lineOffset);
    const visible = this.editorsOf(entry.uri)[0];
    const uri = vscode.Uri.parse(entry.uri);
    if (visible === undefined && uri.scheme === 'vscode-notebook-cell') {
      return;
    }
    const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: true,
      preview: false,
      selection: target,
    });
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private editorsOf(uri: string): vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter(
      (editor) => editor.document.uri.toString() === uri,
    );
  }

  /** Highlights the line and range of the step's node in every editor of the document. */
  private applyHighlight(reveal = false): void {
    const entry = this.current();
    const range =
      entry === undefined || this.highlighted === undefined
        ? undefined
        : entry.result.nodes[this.highlighted]?.range;
    if (entry === undefined) {
      return;
    }
    const target = range === undefined ? undefined : toVscodeRange(range, entry.lineOffset);
    for (const editor of this.editorsOf(entry.uri)) {
      editor.setDecorations(this.lineDecoration, target === undefined ? [] : [target]);
      editor.setDecorations(this.rangeDecoration, target === undefined ? [] : [target]);
      if (reveal && target !== undefined) {
        editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    }
  }

  private clearHighlight(): void {
    this.highlighted = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      editor.setDecorations(this.lineDecoration, []);
      editor.setDecorations(this.rangeDecoration, []);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Inspecting again: new values, another output

  /**
   * Inspects the document again with new values (they win over the document's) or another
   * output, and stores the result: panel, hovers and inlay hints all follow the store. A named
   * output is asked of the front end, so it stays chosen after edits; an unnamed node is
   * differentiated on the same graph.
   */
  private async reinspect(change: {
    readonly values?: Readonly<Record<string, number>>;
    readonly output?: number | null;
  }): Promise<void> {
    const entry = this.current();
    if (entry === undefined) {
      this.notify('error', 'nothing is inspected: run “Gradient Lens: Inspect Derivatives”');
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.uri));
    const request = {
      selection: entry.request.selection,
      values: { ...entry.request.values, ...change.values },
    };
    const how = { interactive: false, settings: readSettings() };
    const output = this.chosenOutput(entry, change.output);
    let attempt = await inspectDocument(document, { ...request, ...output }, how);
    if (!attempt.ok && output.output !== undefined && typeof change.output === 'number') {
      // The name cannot be asked for (a name inside a function, say): use the node.
      attempt = await inspectDocument(document, { ...request, outputNode: change.output }, how);
    }
    if (!attempt.ok) {
      const message = `could not inspect with these values: ${attempt.error.message}`;
      this.deps.log.info(`panel: ${message}`);
      this.notify('error', message);
      return;
    }
    this.store.set(attempt.entry);
  }

  /** The output to ask for: unchanged, the code's own (null), or a node by name if it has one. */
  private chosenOutput(
    entry: DocumentInspection,
    node: number | null | undefined,
  ): { output?: string; outputNode?: number } {
    if (node === null) {
      return {};
    }
    if (node === undefined) {
      const { output, outputNode } = entry.request;
      return {
        ...(output === undefined ? {} : { output }),
        ...(outputNode === undefined ? {} : { outputNode }),
      };
    }
    const name = entry.result.nodes[node]?.name;
    return name === undefined ? { outputNode: node } : { output: name };
  }

  // -------------------------------------------------------------------------------------------
  // Export and copy

  private async exportDrawing(entry: ScalarInspection, view: ExportView): Promise<void> {
    const { svg } = drawGraph(entry.result, {
      precision: readSettings().precision,
      colors: view.colors,
      hideConstants: view.hideConstants,
      hideOffPath: view.hideOffPath,
    });
    await this.save('svg', new TextEncoder().encode(svg), entry);
  }

  private async save(
    format: ExportFormat,
    bytes: Uint8Array,
    entry: DocumentInspection | undefined = this.current(),
  ): Promise<void> {
    if (entry === undefined) {
      return;
    }
    const name = entry.result.output.name.replace(/[^\p{L}\p{N}_.-]+/gu, '_') || 'graph';
    const document = vscode.Uri.parse(entry.uri);
    const defaultUri =
      document.scheme === 'file'
        ? vscode.Uri.joinPath(document, '..', `${name}.${format}`)
        : undefined;
    const target = await vscode.window.showSaveDialog({
      title: `Export the graph of ${entry.result.output.name} as ${format.toUpperCase()}`,
      filters: EXPORT_FILTERS[format],
      ...(defaultUri === undefined ? {} : { defaultUri }),
    });
    if (target === undefined) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, bytes);
    this.deps.log.info(`panel: saved ${target.toString()}`);
    vscode.window.setStatusBarMessage(
      `Gradient Lens: saved ${fileNameOf(target.toString())}`,
      4000,
    );
  }

  private async copyTable(format: 'markdown' | 'latex'): Promise<void> {
    const inspected = this.current();
    const entry = inspected === undefined ? undefined : this.drawable(inspected);
    if (entry === undefined) {
      return;
    }
    const options = { precision: readSettings().precision };
    const text =
      format === 'markdown'
        ? markdownTable(entry.result, options)
        : latexTable(entry.result, options);
    await vscode.env.clipboard.writeText(text);
    this.notify(
      'info',
      `Copied the derivative table as ${format === 'markdown' ? 'Markdown' : 'LaTeX'}.`,
    );
  }
}

/** Where a failure is: its range's start in the document, else where the selection starts. */
function placeOf(failure: InspectFailure, uri: vscode.Uri, selection: vscode.Range): PanelPlace {
  const range = 'range' in failure ? failure.range : undefined;
  const lineOffset = 'lineOffset' in failure ? failure.lineOffset : 0;
  const start = range === undefined ? selection.start : toVscodeRange(range, lineOffset).start;
  return {
    fileName: fileNameOf(uri.toString()),
    line: start.line + 1,
    column: start.character + 1,
  };
}

function fileNameOf(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || uri;
}
