// `npm start` (scripts/start.mjs): what it asks VS Code to open, and the samples folder's
// settings that open the first sample with the walkthrough and keep VS Code from asking.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const samples = join(root, 'samples');

/** The workspace settings: JSON with line comments, as VS Code reads them. */
function samplesSettings(): Record<string, unknown> {
  const text = readFileSync(join(samples, '.vscode', 'settings.json'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
}

describe('npm start', () => {
  it('opens samples/ and its first sample in VS Code desktop, with the extension loaded', async () => {
    const start = await import('../../scripts/start.mjs');
    assert.deepEqual(start.desktopArguments(), [
      `--extensionDevelopmentPath=${root}`,
      samples,
      join(samples, 'reference.py'),
    ]);
    assert.ok(existsSync(start.FIRST_SAMPLE), `${start.FIRST_SAMPLE} is missing`);
  });

  it('opens samples/ in the browser with the extension loaded from this repository', async () => {
    const start = await import('../../scripts/start.mjs');
    const url = new URL(start.browserUrl('http://127.0.0.1:4567/'));
    assert.equal(url.searchParams.get('folder'), samples);
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? 'null'), [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:4567${root}`],
    ]);
  });

  it('lets the samples folder open the walkthrough and not ask about the parent repository', () => {
    const settings = samplesSettings();
    assert.equal(settings['gradientLens.walkthrough.openOnStartup'], true);
    assert.equal(settings['git.openRepositoryInParentFolders'], 'never');
    assert.equal(settings['workbench.startupEditor'], 'none');
  });
});
