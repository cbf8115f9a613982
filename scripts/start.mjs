// `npm start`: builds, then opens samples/ in a real VS Code with the extension loaded —
// VS Code desktop when `code` is on the PATH, otherwise the offline VS Code in the browser
// (code-server from .cache/, installed on first use) at a printed local address.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './vscode/install.mjs';
import { remoteUri, workbenchUrl } from './vscode/lib/browser.mjs';
import { startCodeServer } from './vscode/lib/codeServer.mjs';
import { root } from './vscode/lib/util.mjs';

const samples = join(root, 'samples');

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
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, samples], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function openInBrowser() {
  const bin = ensureCodeServer();
  const dir = join(root, '.cache', 'start');
  mkdirSync(dir, { recursive: true });
  const server = await startCodeServer({ bin, dir, logFile: join(dir, 'code-server.log') });
  const url = workbenchUrl(server.url, samples, [
    ['extensionDevelopmentPath', remoteUri(server.authority, root)],
  ]);
  console.log(`\nGradient Lens is loaded in VS Code at:\n\n  ${url}\n\nCtrl+C stops it.`);
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

build();
if (hasDesktopCode()) {
  openDesktop();
} else {
  await openInBrowser();
}
