/**
 * Gradient Lens in VS Code: wires the commands, the hover, inlay-hint and CodeLens providers,
 * the panel and re-inspection to the pure engine (in a worker thread, started on the first
 * inspection).
 */
import * as vscode from 'vscode';
import { formatValueList } from './core/valueList';
import { BackwardCodeActionProvider } from './extension/backwardCodeActions';
import { BackwardCodeLensProvider } from './extension/backwardCodeLensProvider';
import {
  CHECK_BACKWARD_COMMAND,
  checkBackwardCommand,
  WRITE_BACKWARD_COMMAND,
  writeBackwardCommand,
} from './extension/backwardCommand';
import { BackwardChecks } from './extension/backwardDiagnostics';
import { BackwardHoverProvider } from './extension/backwardHoverProvider';
import { InspectCodeLensProvider } from './extension/codeLensProvider';
import {
  engineWorker,
  engineWorkerDisposable,
  onDidRestartEngineWorker,
} from './extension/engineWorker';
import { reportException } from './extension/errorReport';
import { GradientHoverProvider } from './extension/hoverProvider';
import { GradientInlayHintsProvider } from './extension/inlayHintsProvider';
import { inspectCommand, type InspectDependencies } from './extension/inspectCommand';
import { inspectDocument } from './extension/inspector';
import { askForValues } from './extension/inputPrompt';
import { InspectionStore } from './extension/inspectionStore';
import { SUPPORTED_LANGUAGES } from './extension/languages';
import { InspectionPanel, PANEL_VIEW_TYPE } from './extension/panel';
import { Reinspector } from './extension/reinspection';
import { readSettings } from './extension/settings';
import { testApi, type GradientLensTestApi } from './extension/testApi';
import { registerWalkthrough } from './extension/walkthrough';
import { warmUpWorker } from './extension/warmUp';

/** When this bundle started loading: activation cost is measured from here. */
const loadStarted = performance.now();

/** What the extension exports to other extensions and its tests. */
export interface GradientLensApi {
  /** Milliseconds from loading this bundle to the end of `activate`. */
  readonly activationMs: number;
  /** Only while VS Code runs the extension's tests. */
  readonly testing?: GradientLensTestApi;
}

export function activate(context: vscode.ExtensionContext): GradientLensApi {
  const log = vscode.window.createOutputChannel('Gradient Lens', { log: true });
  const store = new InspectionStore();
  const backwardChecks = new BackwardChecks(log);
  const panel = new InspectionPanel(store, {
    extensionUri: context.extensionUri,
    log,
    backward: backwardChecks,
  });
  const inlayHints = new GradientInlayHintsProvider(store);
  const codeLenses = new InspectCodeLensProvider(log);
  const deps: InspectDependencies = { store, panel, log };
  const backwardLenses = new BackwardCodeLensProvider(log);
  // Every scheme: files, untitled documents and notebook cells alike.
  const selector = SUPPORTED_LANGUAGES.map((language) => ({ language }));

  context.subscriptions.push(
    log,
    engineWorkerDisposable,
    onDidRestartEngineWorker((message) => log.warn(message)),
    store,
    panel,
    inlayHints,
    codeLenses,
    new Reinspector(store, log, (uri) => panel.visibleUri === uri),
    registerWalkthrough(context),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panel.serializer()),
    vscode.languages.registerHoverProvider(selector, new GradientHoverProvider(store)),
    vscode.languages.registerInlayHintsProvider(selector, inlayHints),
    vscode.languages.registerCodeLensProvider(selector, codeLenses),
    backwardChecks,
    backwardLenses,
    vscode.languages.registerHoverProvider(selector, new BackwardHoverProvider(backwardChecks)),
    vscode.languages.registerCodeLensProvider(selector, backwardLenses),
    vscode.languages.registerCodeActionsProvider(selector, new BackwardCodeActionProvider(), {
      providedCodeActionKinds: BackwardCodeActionProvider.providedCodeActionKinds,
    }),
    command(CHECK_BACKWARD_COMMAND, log, (uri?: vscode.Uri) =>
      checkBackwardCommand(backwardChecks, uri),
    ),
    command(WRITE_BACKWARD_COMMAND, log, (uri?: vscode.Uri, range?: vscode.Range) =>
      writeBackwardCommand(backwardChecks, uri, range),
    ),
    command(
      'gradientLens.inspect',
      log,
      (uri?: vscode.Uri, at?: vscode.Position, call?: vscode.Position) =>
        inspectCommand(deps, uri, at, call),
    ),
    command('gradientLens.setInputs', log, () => setInputs(deps)),
    command('gradientLens.showPanel', log, (target?: { uri?: string; node?: number }) =>
      showPanel(deps, target),
    ),
    command('gradientLens.clear', log, () => store.clear()),
    command('gradientLens.exportSvg', log, () => panel.exportSvg(activeInspectedUri(deps))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gradientLens')) {
        inlayHints.refresh();
        codeLenses.refresh();
        backwardLenses.refresh();
      }
    }),
  );
  context.subscriptions.push(warmUpWorker(engineWorker, log));
  const activationMs = performance.now() - loadStarted;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    return { activationMs, testing: testApi(context, store, panel) };
  }
  return { activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** A command whose unexpected failures are logged and reported in one line. */
function command<A extends unknown[], R>(
  id: string,
  log: vscode.LogOutputChannel,
  run: (...args: A) => R | Thenable<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      reportException(error, log);
      return undefined;
    }
  });
}

/** The panel on the active document's inspection (or the one a hover link names). */
function showPanel(deps: InspectDependencies, target?: { uri?: string; node?: number }): void {
  const uri = typeof target?.uri === 'string' ? target.uri : activeInspectedUri(deps);
  if (uri === undefined) {
    void vscode.window.showInformationMessage('Gradient Lens: nothing inspected yet');
    return;
  }
  deps.panel.show(uri, typeof target?.node === 'number' ? target.node : undefined);
}

/** Edits every input value in one input box and inspects again with them. */
async function setInputs(deps: InspectDependencies): Promise<void> {
  const uri = activeInspectedUri(deps);
  const entry = uri === undefined ? undefined : deps.store.get(uri);
  if (entry === undefined) {
    void vscode.window.showInformationMessage('Gradient Lens: inspect some code first');
    return;
  }
  if (entry.kind === 'tensor') {
    // One input box of numbers cannot hold arrays: they are given where the code is.
    void vscode.window.showInformationMessage(
      'Gradient Lens: give arrays in a comment above the code, e.g. # at: x=[1, 2, 3]',
    );
    return;
  }
  const values = await askForValues(
    `Input values for ${entry.result.output.name} (e.g. ${formatValueList(entry.values)})`,
    entry.values,
  );
  if (values === undefined) {
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.uri));
  const attempt = await inspectDocument(
    document,
    {
      selection: entry.request.selection,
      values: { ...entry.request.values, ...values },
      ...(entry.request.output === undefined ? {} : { output: entry.request.output }),
    },
    { interactive: true, settings: readSettings() },
  );
  if (attempt.ok) {
    deps.store.set(attempt.entry);
    return;
  }
  void vscode.window.showErrorMessage(`Gradient Lens: ${attempt.error.message}`);
}

function activeInspectedUri(deps: InspectDependencies): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  if (active !== undefined && deps.store.get(active) !== undefined) {
    return active;
  }
  return deps.panel.visibleUri;
}
