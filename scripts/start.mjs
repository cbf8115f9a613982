// `npm start`: builds, then opens samples/ in a real VS Code with the extension loaded —
// VS Code desktop when `code` is on the PATH, otherwise the offline VS Code in the browser
// (code-server from .cache/, installed on first use) at a printed local address. The first
// sample opens in the editor with the Get Started walkthrough beside it: the extension does
// that where the folder's settings ask (samples/.vscode/settings.json), which also keep VS Code
// from asking about the git repository around the folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './vscode/install.mjs';
import { remoteUri, workbenchUrl } from './vscode/lib/browser.mjs';
import { startCodeServer } from './vscode/lib/codeServer.mjs';
import { root } from './vscode/lib/util.mjs';

/** The folder `npm start` opens, and its first sample. */
export const SAMPLES = join(root, 'samples');
export const FIRST_SAMPLE = join(SAMPLES, 'reference.py');

/** `code`'s arguments: the extension under development, the samples folder, its first sample. */
export function desktopArguments() {
  return [`--extensionDevelopmentPath=${root}`, SAMPLES, FIRST_SAMPLE];
}

/** The web workbench's address: the samples folder, the extension under development. */
export function browserUrl(serverUrl) {
  const authority = new URL(serverUrl).host;
  return workbenchUrl(serverUrl, SAMPLES, [
    ['extensionDevelopmentPath', remoteUri(authority, root)],
  ]);
}

function build() {
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

function hasDesktopCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

function openDesktop() {
  const child = spawn('code', desktopArguments(), { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function openInBrowser() {
  const bin = ensureCodeServer();
  const dir = join(root, '.cache', 'start');
  mkdirSync(dir, { recursive: true });
  const server = await startCodeServer({ bin, dir, logFile: join(dir, 'code-server.log') });
  const url = browserUrl(server.url);
  console.log(`\nGradient Lens is loaded in VS Code at:\n\n  ${url}\n\nCtrl+C stops it.`);
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build();
  if (hasDesktopCode()) {
    openDesktop();
  } else {
    await openInBrowser();
  }
}
