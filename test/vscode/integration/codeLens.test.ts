import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  activateExtension,
  reset,
  workspaceFile,
  type InspectResult,
  type TensorInspectResult,
} from './helpers';

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('gradientLens')
    .update(key, value, vscode.ConfigurationTarget.Global);
}

/** The "∇ Inspect derivatives" lenses VS Code gets for the document. */
async function inspectLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    )) ?? [];
  return lenses.filter((lens) => lens.command?.command === 'gradientLens.inspect');
}

/** What a click at the start of `line`'s statement gives: the command as a lens runs it. */
async function inspectLine(document: vscode.TextDocument, line: number): Promise<boolean> {
  const at = new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex);
  const result = await vscode.commands.executeCommand<
    InspectResult | TensorInspectResult | undefined
  >('gradientLens.inspect', document.uri, at);
  assert.ok(result, `line ${line + 1}: the command returned nothing`);
  return result.ok;
}

/** The lines of `uri` with a lens, each inspected from its lens: all must inspect. Counted from 1. */
async function lensesThatInspect(uri: vscode.Uri): Promise<number[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const lines = (await inspectLenses(uri)).map((lens) => lens.range.start.line);
  const refused: number[] = [];
  for (const line of lines) {
    if (!(await inspectLine(document, line))) {
      refused.push(line + 1);
    }
  }
  assert.deepEqual(refused, [], `${uri.path}: lenses above lines the tool refuses`);
  return lines.map((line) => line + 1);
}

/** Every line of `uri` the tool refuses, counted from 1. */
async function refusedLines(uri: vscode.Uri): Promise<number[]> {
  const document = await vscode.workspace.openTextDocument(uri);
  const refused: number[] = [];
  for (let line = 0; line < document.lineCount; line += 1) {
    if (!document.lineAt(line).isEmptyOrWhitespace && !(await inspectLine(document, line))) {
      refused.push(line + 1);
    }
  }
  return refused;
}

describe('CodeLens only above code that inspects', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    // A click on a lens of a function asks for its parameters: answered by the defaults here.
    await setSetting('unboundInputs.ask', false);
    await setSetting('codeLens.inTextDocuments', true);
    // Whether a line inspects does not depend on the check; it only costs time here.
    await setSetting('gradientCheck.enabled', false);
  });

  after(async () => {
    await setSetting('unboundInputs.ask', undefined);
    await setSetting('codeLens.inTextDocuments', undefined);
    await setSetting('gradientCheck.enabled', undefined);
  });

  afterEach(reset);

  it('counts one lens in a NumPy file of refused lines: none above fft, random draws or X.shape[0]', async () => {
    const uri = workspaceFile('unsupported_numpy.py');
    const lenses = await lensesThatInspect(uri);
    assert.deepEqual(lenses, [12], 'only `loss = np.sum(y ** 2)` has a lens');
    const refused = await refusedLines(uri);
    for (const line of [4, 5, 6, 7, 9]) {
      assert.ok(refused.includes(line), `line ${line} is refused (refused: ${refused.join(', ')})`);
    }
    assert.deepEqual(
      lenses.filter((line) => refused.includes(line)),
      [],
    );
  });

  it('puts no lens above a line the tool refuses, in every sample', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const folder = vscode.Uri.joinPath(extension.extensionUri, 'samples');
    const names = (await vscode.workspace.fs.readDirectory(folder))
      .map(([name]) => name)
      .filter((name) => /\.(py|js|ts|md)$/.test(name))
      .sort();
    assert.ok(names.length >= 5, `samples: ${names.join(', ')}`);
    let lensCount = 0;
    for (const name of names) {
      lensCount += (await lensesThatInspect(vscode.Uri.joinPath(folder, name))).length;
    }
    assert.ok(lensCount >= names.length, `only ${lensCount} lenses in ${names.length} samples`);
  });

  it('drops a lens when an edit makes its line unreadable, and brings it back on undo', async () => {
    const uri = workspaceFile('unsupported_numpy.py');
    const editor = await vscode.window.showTextDocument(uri);
    const before = (await inspectLenses(uri)).map((lens) => lens.range.start.line);
    assert.deepEqual(before, [11]);
    const line = editor.document.lineAt(10).range;
    assert.ok(await editor.edit((edit) => edit.replace(line, 'y = np.fft.fft(x)')));
    assert.deepEqual(await inspectLenses(uri), []);
    await vscode.commands.executeCommand('undo');
    const after = (await inspectLenses(uri)).map((lens) => lens.range.start.line);
    assert.deepEqual(after, [11]);
  });
});
