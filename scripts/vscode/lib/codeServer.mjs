// Starts code-server (a real VS Code served to a browser) for one test run and stops it with
// everything it started. The flags are those of shared/notes/real-vscode-offline.md.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, withTimeout } from './util.mjs';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** User settings that keep the workbench quiet and predictable under automation. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.inlayHints.enabled': 'on',
  // Every inspection these tests make is checked against the engine's invariants at run time.
  'gradientLens.debug.checkInvariants': true,
};

/**
 * Machine settings, which the extension host on the server reads instead of the user's: the
 * walkthrough opens by itself on a first install, but not over the windows tests drive.
 */
const MACHINE_SETTINGS = { 'workbench.welcomePage.walkthroughs.openOnInstall': false };

/**
 * With workspace trust on, the folder opens in Restricted Mode: no modal prompt asks to trust
 * it (which would block the window), and files open without asking.
 */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

function writeConfig(dir, workspaceTrust) {
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'Machine', 'settings.json'),
    `${JSON.stringify(MACHINE_SETTINGS, null, 2)}\n`,
  );
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...USER_SETTINGS, ...(workspaceTrust ? UNTRUSTED_SETTINGS : {}) }, null, 2)}\n`,
  );
  // An explicit config file, so that the user's ~/.config/code-server/config.yaml is not read.
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return { config, userDataDir, extensionsDir };
}

/** Sends `signal` to the whole process group; extension hosts outlive code-server otherwise. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is already gone.
  }
}

/** Resolves with the server's URL once it logs the port it listens on. */
function waitForUrl(child, logStream) {
  return new Promise((resolve, reject) => {
    let pending = '';
    const onData = (chunk) => {
      logStream.write(chunk);
      pending += chunk.toString();
      const match = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(pending);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`code-server exited before it was ready (${code ?? signal})`)),
    );
  });
}

/**
 * Starts code-server with a throwaway user-data and extensions folder under `dir`.
 * `env` is added to its environment (the extension host inherits it).
 * `workspaceTrust` false turns workspace trust off, so that every folder counts as trusted;
 * true leaves it on, so that the folder opened is untrusted (Restricted Mode).
 */
export async function startCodeServer({ bin, dir, logFile, env = {}, workspaceTrust = false }) {
  const { config, userDataDir, extensionsDir } = writeConfig(dir, workspaceTrust);
  const args = [
    bin,
    ...['--config', config, '--auth', 'none', '--bind-addr', '127.0.0.1:0'],
    ...['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
    ...['--disable-telemetry', '--disable-update-check', '--ignore-last-opened'],
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
  const logStream = createWriteStream(logFile);
  const child = spawn(process.execPath, args, {
    // Its own process group, so that stop() reaches the extension hosts too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // An empty gallery: the workbench would otherwise try to reach a marketplace.
    env: { ...process.env, ...env, EXTENSIONS_GALLERY: '{}' },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // If this process dies first, take the server down with it.
  const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (signalGroup(child.pid, 'SIGTERM')) {
      await withTimeout(exited, STOP_GRACE_MS, 'code-server shutdown').catch(() => {});
    }
    signalGroup(child.pid, 'SIGKILL'); // stragglers that ignored SIGTERM
    logStream.end();
  };

  try {
    const url = await withTimeout(
      waitForUrl(child, logStream),
      READY_TIMEOUT_MS,
      'code-server start',
    );
    log(`code-server listening on ${url} (log: ${logFile})`);
    return { url, authority: new URL(url).host, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
