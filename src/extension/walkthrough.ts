/**
 * The Get Started walkthrough (contributes.walkthroughs in package.json): its commands, the
 * sample it opens, opening it on first install or when the workspace asks for it (samples/
 * does, for `npm start`), and the context keys whose changes tick its steps off.
 */
import * as vscode from 'vscode';

/** The walkthrough as `workbench.action.openWalkthrough` names it: publisher.name#id. */
export const WALKTHROUGH = 'gradient-lens.gradient-lens#gettingStarted';
export const GET_STARTED_COMMAND = 'gradientLens.getStarted';
export const OPEN_SAMPLE_COMMAND = 'gradientLens.openSample';

/** Set once the walkthrough has opened by itself, so that it does so once per install. */
const SHOWN_KEY = 'gradientLens.walkthroughShown';

/** What the user did; each is a context key `gradientLens.walkthrough.<action>` a step waits for. */
export type WalkthroughAction = 'sampleOpened' | 'selected' | 'stepped' | 'hovered' | 'valueEdited';

/** Languages whose files count as code to inspect (plain text would tick any file off). */
const CODE_LANGUAGES = new Set([
  'python',
  'javascript',
  'typescript',
  'javascriptreact',
  'typescriptreact',
  'markdown',
  'latex',
]);

/** The sample the walkthrough opens: the workspace's own (samples/ for `npm start`) first. */
const WORKSPACE_SAMPLE = '{reference.py,samples/reference.py}';
const BUNDLED_SAMPLE = ['media', 'walkthrough', 'reference.py'];

/** How long the sample opened at startup waits for VS Code to know the walkthrough: 15 s. */
const TICK_ATTEMPTS = 30;
const TICK_RETRY_MS = 500;

const done = new Set<WalkthroughAction>();

/** Ticks a step off: the context key changes once, however often the user repeats it. */
export function markWalkthroughStep(action: WalkthroughAction): void {
  if (done.has(action)) {
    return;
  }
  done.add(action);
  void vscode.commands.executeCommand('setContext', `gradientLens.walkthrough.${action}`, true);
}

/** The commands, the editor watchers, and the walkthrough opened where it should be. */
export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  const disposables = vscode.Disposable.from(
    vscode.commands.registerCommand(GET_STARTED_COMMAND, () => openWalkthrough(false)),
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, () => openSample(context.extensionUri)),
    vscode.window.onDidChangeVisibleTextEditors(watchEditors),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (isCode(event.textEditor.document) && event.selections.some((s) => !s.isEmpty)) {
        markWalkthroughStep('selected');
      }
    }),
  );
  watchEditors(vscode.window.visibleTextEditors);
  void openAtStart(context);
  return disposables;
}

function watchEditors(editors: readonly vscode.TextEditor[]): void {
  if (editors.some((editor) => isCode(editor.document))) {
    markWalkthroughStep('sampleOpened');
  }
}

function isCode(document: vscode.TextDocument): boolean {
  return CODE_LANGUAGES.has(document.languageId);
}

/**
 * Where the workspace asks (gradientLens.walkthrough.openOnStartup), the sample and the
 * walkthrough beside it; otherwise the walkthrough alone on the first activation after install,
 * unless the user turned that off for every extension or a test drives the window.
 */
async function openAtStart(context: vscode.ExtensionContext): Promise<void> {
  if (vscode.workspace.getConfiguration('gradientLens').get('walkthrough.openOnStartup')) {
    await context.globalState.update(SHOWN_KEY, true);
    await openSample(context.extensionUri);
    await openWalkthrough(true);
    await tickStep('openSample');
    return;
  }
  const allowed = vscode.workspace
    .getConfiguration('workbench.welcomePage')
    .get('walkthroughs.openOnInstall', true);
  if (
    !allowed ||
    context.extensionMode === vscode.ExtensionMode.Test ||
    context.globalState.get(SHOWN_KEY) === true
  ) {
    return;
  }
  await context.globalState.update(SHOWN_KEY, true);
  await openWalkthrough(false);
}

async function openWalkthrough(toSide: boolean): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, {
    toSide,
  });
}

/**
 * Ticks a step off directly. VS Code ignores a context key that was already set when it
 * registered the walkthrough (seconds after startup), and until then the step is unknown to
 * it: hence the retries.
 */
async function tickStep(step: string): Promise<void> {
  for (let attempt = 0; attempt < TICK_ATTEMPTS; attempt += 1) {
    try {
      await vscode.commands.executeCommand('welcome.markStepComplete', `${WALKTHROUGH}#${step}`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, TICK_RETRY_MS));
    }
  }
}

/** The workspace's sample, or an untitled copy of the bundled one (never the extension's file). */
async function openSample(extensionUri: vscode.Uri): Promise<void> {
  const document = await sampleDocument(extensionUri);
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.One,
    preview: false,
  });
}

async function sampleDocument(extensionUri: vscode.Uri): Promise<vscode.TextDocument> {
  const [inWorkspace] = await vscode.workspace.findFiles(WORKSPACE_SAMPLE, undefined, 1);
  if (inWorkspace !== undefined) {
    return vscode.workspace.openTextDocument(inWorkspace);
  }
  const bytes = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(extensionUri, ...BUNDLED_SAMPLE),
  );
  return vscode.workspace.openTextDocument({
    language: 'python',
    content: new TextDecoder().decode(bytes),
  });
}
