/** `gradient-lens FILE --check-backward`, the built CLI spawned as a user (or CI) runs it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutate, SOFTMAX, STAGED } from '../core/handBackward/backwardSources';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const DIRECTORY = mkdtempSync(join(tmpdir(), 'check-backward-'));

function checkFile(name: string, source: string, ...flags: string[]) {
  const path = join(DIRECTORY, name);
  writeFileSync(path, source);
  const run = spawnSync(process.execPath, [CLI, path, '--check-backward', ...flags], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { path, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('gradient-lens --check-backward', function () {
  this.timeout(30_000);
  it('prints every softmax gradient correct and exits 0', () => {
    const run = checkFile('softmax.py', SOFTMAX);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^backward pass of loss: 3 correct\n/);
    assert.match(run.stdout, /\ndW +∂loss\/∂W +correct +/);
    assert.doesNotMatch(run.stdout, /first wrong line/);
  });

  it('prints the first wrong line as file:line:col with the missing regularisation, exits 1', () => {
    const run = checkFile('noreg.py', mutate(SOFTMAX, 'dW += reg * W', ''));
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /\ndW +∂loss\/∂W +wrong +/);
    assert.ok(
      run.stdout.includes(
        `${run.path}:20:1: dW is wrong ([2, 2] 0.00374269 vs 0.00375802, rel. error 0.00407869): the gradient through \`reg_loss\` (line 15) is missing: the regularisation gradient \`reg * W\``,
      ),
      run.stdout,
    );
  });

  it('writes the report as JSON, the first wrong line with its 1-based line', () => {
    const source = mutate(
      STAGED,
      'dx += ((1 - sigx) * sigx) * dsigx',
      'dx = ((1 - sigx) * sigx) * dsigx',
    );
    const run = checkFile('staged.py', source, '--json');
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      output: string;
      comparisons: { pairing: { gradient: string }; verdict: string }[];
      firstWrong: { gradient: string; line: number; explanation: { kind: string } };
    };
    assert.equal(report.ok, false);
    assert.equal(report.output, 'f');
    assert.equal(report.comparisons.length, 9);
    assert.deepEqual(
      [report.firstWrong.gradient, report.firstWrong.line, report.firstWrong.explanation.kind],
      ['dx', 27, 'overwritten'],
    );
  });

  it('exits 2 with a message when the file has no hand-written gradient', () => {
    const run = checkFile('forward.py', 'x = 2.0\nf = x * x\n', '--json');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /forward\.py:1:1: no hand-written gradient found/);
    assert.equal((JSON.parse(run.stdout) as { error: { kind: string } }).error.kind, 'no-backward');
  });

  it('refuses --svg with --check-backward', () => {
    const run = checkFile('svg.py', SOFTMAX, '--svg');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--check-backward prints a --table or --json/);
  });
});
