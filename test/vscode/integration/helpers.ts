// Helpers for tests that run inside the extension host against the fixture workspace
// (test/vscode/workspace, copied fresh for each run).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gradient-lens.gradient-lens';

/** What `gradientLens.inspect` resolves to when a test calls it. */
export type InspectResult =
  | {
      ok: true;
      kind: 'scalar';
      output: { name: string; value: number };
      grads: Record<string, number>;
      unused: string[];
    }
  | { ok: false; error: { kind: string; message: string } };

/** What the command resolves to for code with arrays: each gradient's shape and elements. */
export interface TensorInspectResult {
  ok: true;
  kind: 'tensor';
  output: { name: string; value: number };
  grads: Record<string, { shape: number[]; data: number[] }>;
  unused: string[];
}

/** The extension, activated; fails the calling test (not a hook) when it cannot activate. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

/** A file of the fixture workspace. */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture file in the active editor. */
export async function openFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

let untitledCount = 0;

/**
 * Opens a new untitled document with `content` in the active editor. Each gets its own name:
 * VS Code reuses "Untitled-1" after a close, and a test could otherwise meet the closed one.
 */
export async function openUntitled(language: string, content: string): Promise<vscode.TextEditor> {
  untitledCount += 1;
  const uri = vscode.Uri.parse(`untitled:gradient-lens-test-${untitledCount}`);
  const opened = await vscode.workspace.openTextDocument(uri);
  const document = await vscode.languages.setTextDocumentLanguage(opened, language);
  const editor = await vscode.window.showTextDocument(document);
  const inserted = await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
  assert.ok(inserted, 'could not fill the untitled document');
  assert.equal(editor.document.getText(), content);
  return editor;
}

/** Selects the whole of line `line`, counted from 1 as the status bar shows it. */
export function selectLine(editor: vscode.TextEditor, line: number): vscode.Range {
  const range = editor.document.lineAt(line - 1).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  return range;
}

/** The position of the first `text` on line `line` (from 1). */
export function positionOf(
  document: vscode.TextDocument,
  line: number,
  text: string,
): vscode.Position {
  const column = document.lineAt(line - 1).text.indexOf(text);
  assert.ok(column >= 0, `'${text}' is not on line ${line}`);
  return new vscode.Position(line - 1, column);
}

/** Runs "Gradient Lens: Inspect Derivatives" on the active editor's selection. */
export async function inspect(): Promise<InspectResult> {
  const result = await vscode.commands.executeCommand<InspectResult | undefined>(
    'gradientLens.inspect',
  );
  assert.ok(result, 'gradientLens.inspect returned nothing');
  return result;
}

/** Runs the command on code that may have arrays: the result says which kind it is. */
export async function inspectAny(): Promise<InspectResult | TensorInspectResult> {
  const result = await vscode.commands.executeCommand<
    InspectResult | TensorInspectResult | undefined
  >('gradientLens.inspect');
  assert.ok(result, 'gradientLens.inspect returned nothing');
  return result;
}

/** Clears inspections (when the command exists) and closes every editor without saving. */
export async function reset(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('gradientLens.clear')) {
    await vscode.commands.executeCommand('gradientLens.clear');
  }
  // Revert every edited document first: closing a dirty one would ask to save it.
  for (const document of vscode.workspace.textDocuments.filter((doc) => doc.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The text of every hover at `position`. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      position,
    )) ?? [];
  return hovers.flatMap((hover) =>
    hover.contents.map((part) => (typeof part === 'string' ? part : part.value)),
  );
}

/** The label of every inlay hint in `range`. */
export async function inlayHintLabels(uri: vscode.Uri, range: vscode.Range): Promise<string[]> {
  const hints =
    (await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      uri,
      range,
    )) ?? [];
  return hints.map((hint) =>
    typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''),
  );
}

/**
 * Calls `probe` until `accept` holds for its answer, for at most `timeoutMs`: providers may
 * answer only once the extension has finished its work. Returns the last answer either way,
 * so that the test's own assertion shows what was there.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}
