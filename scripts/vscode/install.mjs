// Installs a real VS Code (code-server 4.100.3 = VS Code 1.100.3, the newest that runs on
// Node 20) into .cache/code-server without internet access beyond npm and Debian, following
// shared/notes/real-vscode-offline.md. Idempotent: a marker file makes later runs instant.
// Progress goes to stderr so that the test runner's stdout stays readable.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
const VSCODE_VERSION = '1.100.3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = join(root, '.cache', 'code-server');
const packageDir = join(cacheDir, 'node_modules', 'code-server');
const vscodeDir = join(packageDir, 'lib', 'vscode');
const marker = join(cacheDir, `.installed-${CODE_SERVER_VERSION}`);
/** code-server's entry point; the runner starts it with its own Node. */
const codeServerBin = join(packageDir, 'out', 'node', 'entry.js');

/**
 * Debian packages: a browser to drive, rg for search, what node-gyp needs to compile, and
 * NumPy and PyTorch for the tests that compare our numbers with theirs (test/oracle).
 */
const DEBIAN_PACKAGES = [
  'chromium',
  'ripgrep',
  'libkrb5-dev',
  'build-essential',
  'python3',
  'python3-numpy',
  'python3-torch',
];

// Each step takes under a minute here; the steps run synchronously, so this also bounds how
// long the test runner's own time limit can be held up.
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

function log(message) {
  process.stderr.write(`[install] ${message}\n`);
}

/** Runs a command with its output on our stderr; throws with the command line on failure. */
function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 2, 2],
    timeout: STEP_TIMEOUT_MS,
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.error) throw new Error(`${command} failed to run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => {
    const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !(query.stdout ?? '').includes('install ok installed');
  });
}

function ensureDebianPackages() {
  if (!existsSync('/usr/bin/dpkg-query')) {
    log('not a Debian system: assuming chromium, rg and a C++ toolchain are installed');
    return;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  // A root shell (CI, the dev machines) has no sudo; anyone else needs it, and sudo passes
  // variables only when named on its command line.
  const noninteractive = 'DEBIAN_FRONTEND=noninteractive';
  const [command, ...prefix] =
    process.getuid?.() === 0
      ? ['env', noninteractive, 'apt-get']
      : ['sudo', noninteractive, 'apt-get'];
  run(command, [...prefix, '-q', 'update']);
  run(command, [...prefix, '-q', 'install', '-y', ...missing]);
}

/** Replaces whatever is at `path` with a symbolic link to `target`. */
function forceLink(target, path) {
  if (existsSync(path) || isLink(path)) rmSync(path, { recursive: true, force: true });
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

function installCodeServer() {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), '{ "private": true }\n');
  // Its own postinstall would refuse to run as root and would download rg: do its steps here.
  run('npm', ['install', '--ignore-scripts', ...NPM_QUIET, `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
  });
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...NPM_QUIET], { cwd: vscodeDir });
  // With bin/ present, @vscode/ripgrep's postinstall does nothing instead of downloading.
  forceLink('/usr/bin/rg', join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  // node-pty's build script runs `npx node-gyp`, which waits for a "yes" without this.
  run('npm', ['rebuild', ...NPM_QUIET], { cwd: vscodeDir, env: { npm_config_yes: 'true' } });
  finishPostinstall();
  run('npm', ['rebuild', 'argon2', ...NPM_QUIET], { cwd: cacheDir });
}

/** What code-server's postinstall.sh does after installing lib/vscode's dependencies. */
function finishPostinstall() {
  forceLink('node_modules', join(vscodeDir, 'node_modules.asar'));
  forceLink('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceLink('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', ...NPM_QUIET], { cwd: join(vscodeDir, 'extensions') });
}

function checkVersion() {
  const result = spawnSync(process.execPath, [codeServerBin, '--version'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (!output.includes(`Code ${VSCODE_VERSION}`)) {
    throw new Error(`code-server --version printed an unexpected answer:\n${output}`);
  }
  log(output.trim().split('\n').pop());
}

/** Makes sure the Debian packages and code-server are installed; returns the launcher path. */
export function ensureCodeServer() {
  const started = performance.now();
  ensureDebianPackages();
  if (!existsSync(marker) || !existsSync(codeServerBin)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${cacheDir}`);
    rmSync(marker, { force: true });
    installCodeServer();
    checkVersion();
    writeFileSync(marker, `${new Date().toISOString()}\n`);
  }
  log(
    `code-server ${CODE_SERVER_VERSION} ready (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return codeServerBin;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureCodeServer();
  } catch (error) {
    log(`FAILED: ${error.message}`);
    process.exit(1);
  }
}
