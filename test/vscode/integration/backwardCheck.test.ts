import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openUntitled, reset } from './helpers';

/** CS231n's softmax classifier ("Minimal Neural Network Case Study") with its backward pass. */
const FORWARD = [
  'import numpy as np',
  'np.random.seed(0)',
  'N = 5; D = 4; K = 3',
  'X = np.random.randn(N, D)',
  'y = np.array([0, 2, 1, 1, 0])',
  'W = 0.01 * np.random.randn(D, K)',
  'b = np.zeros((1, K))',
  'reg = 1e-3',
  'num_examples = X.shape[0]',
  'scores = np.dot(X, W) + b',
  'exp_scores = np.exp(scores)',
  'probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)',
  'correct_logprobs = -np.log(probs[range(num_examples), y])',
  'data_loss = np.sum(correct_logprobs) / num_examples',
  'reg_loss = 0.5 * reg * np.sum(W * W)',
  'loss = data_loss + reg_loss',
];
const BACKWARD = [
  'dscores = probs',
  'dscores[range(num_examples), y] -= 1',
  'dscores /= num_examples',
  'dW = np.dot(X.T, dscores)',
  'db = np.sum(dscores, axis=0, keepdims=True)',
  'dW += reg * W',
];
const SOFTMAX = `${[...FORWARD, ...BACKWARD].join('\n')}\n`;

/** What the check command resolves to (extension/backwardCommand's CheckAttempt), loosely. */
interface CheckAttempt {
  kind: string;
  outcome?: {
    ok: boolean;
    report?: { comparisons: { pairing: { gradient: string }; verdict: string }[] };
  };
}

function backwardProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((one) => one.source === 'Gradient Lens');
}

async function check(uri: vscode.Uri): Promise<CheckAttempt> {
  const attempt = await vscode.commands.executeCommand<CheckAttempt>(
    'gradientLens.checkBackward',
    uri,
  );
  assert.ok(attempt, 'the command returned nothing');
  assert.equal(attempt.kind, 'checked');
  return attempt;
}

function verdicts(attempt: CheckAttempt): string[] {
  return (attempt.outcome?.report?.comparisons ?? []).map(
    (one) => `${one.pairing.gradient} ${one.verdict}`,
  );
}

/** Waits until `ready()` holds, for at most `ms`. */
async function until(ready: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ready() && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return ready();
}

describe('checking a hand-written backward pass in VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await reset();
  });

  it('reports the softmax classifier’s backward pass correct, with no problem', async () => {
    const editor = await openUntitled('python', SOFTMAX);
    const attempt = await check(editor.document.uri);
    assert.deepEqual(verdicts(attempt), ['dscores correct', 'dW correct', 'db correct']);
    assert.deepEqual(backwardProblems(editor.document.uri), []);
  });

  it('puts one problem on dW naming the missing regularisation gradient once `dW += reg*W` is deleted', async () => {
    const editor = await openUntitled('python', SOFTMAX);
    const { uri } = editor.document;
    await check(uri);
    const regLine = FORWARD.length + BACKWARD.indexOf('dW += reg * W');
    await editor.edit((edit) =>
      edit.delete(editor.document.lineAt(regLine).rangeIncludingLineBreak),
    );
    // A checked document is checked again after a pause in typing.
    assert.ok(
      await until(() => backwardProblems(uri).length > 0, 20_000),
      'no problem after the edit',
    );
    const problems = backwardProblems(uri);
    assert.equal(problems.length, 1, problems.map((one) => one.message).join('\n'));
    const [problem] = problems;
    assert.equal(
      problem?.range.start.line,
      FORWARD.length + BACKWARD.indexOf('dW = np.dot(X.T, dscores)'),
    );
    assert.equal(problem?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(
      problem?.message ?? '',
      /^dW is wrong: max rel\. error .*reg_loss.*regularisation gradient `reg \* W`/,
    );
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      problem?.range.start,
    );
    const texts = hover.flatMap((one) =>
      one.contents.map((part) => (typeof part === 'string' ? part : part.value)),
    );
    assert.ok(
      texts.some((text) => text.includes('`dW` differs from ∂loss/∂W')),
      texts.join('\n'),
    );
  });

  it('clears the problems when the file closes', async () => {
    const source = SOFTMAX.replace('dW += reg * W\n', '');
    const editor = await openUntitled('python', source);
    const { uri } = editor.document;
    await check(uri);
    assert.equal(backwardProblems(uri).length, 1);
    await reset();
    assert.ok(await until(() => backwardProblems(uri).length === 0, 5_000));
  });

  it('offers a lens that checks, above the first line of the backward pass', async () => {
    const editor = await openUntitled('python', SOFTMAX);
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      )) ?? [];
    const checks = lenses.filter((lens) => lens.command?.command === 'gradientLens.checkBackward');
    assert.deepEqual(
      checks.map((lens) => lens.range.start.line),
      [FORWARD.length],
    );
  });

  it('writes the backward pass of a selected forward pass, and the check finds it correct', async () => {
    const editor = await openUntitled('python', `${FORWARD.join('\n')}\n`);
    const { document } = editor;
    const selection = new vscode.Range(0, 0, FORWARD.length - 1, FORWARD.at(-1)?.length ?? 0);
    editor.selection = new vscode.Selection(selection.start, selection.end);
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        selection,
      )) ?? [];
    const write = actions.find((action) => action.title === 'Write the backward pass');
    assert.ok(
      write?.command,
      `no "Write the backward pass" among ${actions.map((a) => a.title).join(', ')}`,
    );
    await vscode.commands.executeCommand(write.command.command, ...(write.command.arguments ?? []));
    assert.ok(document.lineCount > FORWARD.length + 2, 'nothing was inserted');
    assert.match(document.getText(), /^dW = /m);
    const attempt = await check(document.uri);
    const all = verdicts(attempt);
    assert.ok(all.length > 0 && all.every((one) => one.endsWith(' correct')), all.join(', '));
    assert.deepEqual(backwardProblems(document.uri), []);
    // One undoable edit: undo gives the forward pass back.
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), `${FORWARD.join('\n')}\n`);
  });
});
