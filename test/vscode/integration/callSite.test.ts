import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activateExtension, openUntitled, reset, type InspectResult } from './helpers';

/** A function called twice with known arguments, and once with an unknown one. */
const SOURCE = [
  'import math',
  'def f(x, y=1.0):',
  '    return math.exp(x * y) / x',
  'a = f(0.5)',
  'b = f(2.0, y=-1.0)',
  'c = f(unknown)',
  '',
].join('\n');

/** f and its gradient at both calls, by PyTorch (float64 autograd). */
const TORCH = [
  'import json, torch',
  'def at(x, y):',
  '    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)',
  '    y = torch.tensor(y, dtype=torch.float64, requires_grad=True)',
  '    f = torch.exp(x * y) / x',
  '    f.backward()',
  "    return {'value': f.item(), 'x': x.grad.item(), 'y': y.grad.item()}",
  'print(json.dumps([at(0.5, 1.0), at(2.0, -1.0)]))',
].join('\n');

interface Expected {
  readonly value: number;
  readonly x: number;
  readonly y: number;
}

async function callLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      )) ?? [];
    const calls = lenses.filter((lens) => lens.command?.title === '∇ Inspect at this call');
    if (calls.length > 0) {
      return calls;
    }
    // The lens job reads the calls after the statements: ask again until it has.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return [];
}

describe('inspect at a call site', function () {
  this.timeout(120_000);

  before(activateExtension);
  afterEach(reset);

  it('puts "∇ Inspect at this call" on each call that gives values; a click inspects the function there', async () => {
    const run = spawnSync('/usr/bin/python3', ['-c', TORCH], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const expected = JSON.parse(run.stdout) as Expected[];
    const editor = await openUntitled('python', SOURCE);
    const lenses = await callLenses(editor.document.uri);
    assert.deepEqual(
      lenses.map((lens) => lens.range.start.line),
      [3, 4],
      'a lens on each call whose arguments are known',
    );
    for (const [i, lens] of lenses.entries()) {
      const command = lens.command;
      assert.ok(command !== undefined);
      const result = await vscode.commands.executeCommand<InspectResult>(
        command.command,
        ...(command.arguments ?? []),
      );
      assert.ok(result.ok && result.kind === 'scalar', JSON.stringify(result));
      const want = expected[i];
      assert.ok(want !== undefined);
      assert.equal(result.output.name, 'f');
      assert.ok(Math.abs(result.output.value - want.value) < 1e-12, `call ${i + 1}: value`);
      assert.ok(Math.abs((result.grads['x'] ?? NaN) - want.x) < 1e-12, `call ${i + 1}: ∂f/∂x`);
      assert.ok(Math.abs((result.grads['y'] ?? NaN) - want.y) < 1e-12, `call ${i + 1}: ∂f/∂y`);
    }
  });
});
