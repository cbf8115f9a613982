/**
 * The graph panel's page in a real headless Chromium (Debian's, driven by playwright-core;
 * never a downloaded browser), served as VS Code serves it: the shell from panelHtml with its
 * Content-Security-Policy, the bundle built from src/webview, and an `acquireVsCodeApi` that
 * records what the page posts and keeps its state, while the test plays the extension host.
 */
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { panelHtml } from '../../src/present/panelHtml';
import { snapshotJsonAround, snapshotMessage } from '../../src/protocol/messages';
import type { HostMessage, PanelInspection, PanelSettings } from '../../src/protocol/protocol';
import { toWire, wireJson } from '../../src/protocol/wire';

/** Debian's Chromium with the flags of every headless run (scripts/lib/chromium.cjs). */
export { launchChromium } from '../../scripts/lib/chromium.cjs';

/** The webview's origin in these tests (VS Code's is a vscode-cdn.net one). */
const ORIGIN = 'https://gradient-lens.test';
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY=';

const root = join(__dirname, '..', '..');

export interface PanelFiles {
  readonly script: string;
  readonly style: string;
}

/** Bundles the page as scripts/build.mjs does, in memory. */
export async function buildPanelFiles(): Promise<PanelFiles> {
  const [script, style] = await Promise.all([
    esbuild.build({
      entryPoints: [join(root, 'src/webview/main.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      write: false,
      logLevel: 'warning',
    }),
    esbuild.build({
      entryPoints: [join(root, 'src/webview/panel.css')],
      bundle: true,
      write: false,
      logLevel: 'warning',
    }),
  ]);
  return { script: script.outputFiles[0]!.text, style: style.outputFiles[0]!.text };
}

/**
 * Runs in the page before its own script: VS Code's acquireVsCodeApi (messages and state go
 * through JSON, as in VS Code) and recorders of CSP violations and errors.
 */
const INIT_SCRIPT = `function () {
  var saved = new URLSearchParams(location.search).get('state');
  window.__posted = [];
  window.__state = saved === null ? undefined : JSON.parse(saved);
  window.__violations = [];
  window.__errors = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  window.addEventListener('error', function (e) {
    window.__errors.push(String(e.message));
  });
  var acquired = false;
  window.acquireVsCodeApi = function () {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: function (message) { window.__posted.push(JSON.parse(JSON.stringify(message))); },
      getState: function () { return window.__state; },
      setState: function (next) { window.__state = JSON.parse(JSON.stringify(next)); },
    };
  };
}`;

/** What the page's globals look like to the test (the page is not typed with the DOM here). */
interface PageGlobals {
  __posted: { type: string; [key: string]: unknown }[];
  __state: unknown;
  __violations: string[];
  __errors: string[];
}

export class PanelPage {
  /** Uncaught exceptions and console errors of the page, as Node saw them. */
  private readonly pageErrors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.pageErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        this.pageErrors.push(`console: ${message.text()}`);
      }
    });
  }

  /** A page that serves the panel (load it with `load`); one per suite, pages are slow to make. */
  static async create(browser: Browser, files: PanelFiles): Promise<PanelPage> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
    const page = await context.newPage();
    // A string, not a function: the test runner's transpiler would put helpers into a function.
    await page.addInitScript(`(${INIT_SCRIPT})();`);
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      const body: Record<string, [string, string]> = {
        '/index.html': [
          'text/html',
          panelHtml({
            cspSource: ORIGIN,
            nonce: NONCE,
            scriptUri: `${ORIGIN}/dist/webview/webview.js`,
            styleUri: `${ORIGIN}/dist/webview/webview.css`,
          }),
        ],
        '/dist/webview/webview.js': ['text/javascript', files.script],
        '/dist/webview/webview.css': ['text/css', files.style],
      };
      const found = body[path];
      await (found === undefined
        ? route.fulfill({ status: 404, body: 'not found' })
        : route.fulfill({ status: 200, contentType: found[0], body: found[1] }));
    });
    return new PanelPage(page);
  }

  /** (Re)loads the panel, as VS Code does when it shows it, with `state` as getState returns. */
  async load(state?: unknown): Promise<void> {
    this.pageErrors.length = 0;
    const query = state === undefined ? '' : `?state=${encodeURIComponent(JSON.stringify(state))}`;
    await this.page.goto(`${ORIGIN}/index.html${query}`);
    await this.waitForPosted((message) => message.type === 'ready');
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }

  /** Everything the page posted to the host so far. */
  posted(): Promise<PageGlobals['__posted']> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
  }

  savedState(): Promise<unknown> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__state);
  }

  /** CSP violations and uncaught errors the page reported. */
  async problems(): Promise<string[]> {
    return this.page
      .evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        return [...w.__violations.map((v) => `CSP: ${v}`), ...w.__errors];
      })
      .then((found) => [...found, ...this.pageErrors]);
  }

  async waitForPosted(
    match: (message: PageGlobals['__posted'][number]) => boolean,
    timeoutMs = 5_000,
  ): Promise<PageGlobals['__posted'][number]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.posted()).filter(match).at(-1);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the page did not post the expected message; posted ${JSON.stringify(await this.posted())}; problems ${JSON.stringify(await this.problems())}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__posted = [];
    });
  }

  /** Posts a message as the extension host does (already in its wire form, or a HostMessage). */
  async send(message: HostMessage | unknown, wire = false): Promise<void> {
    const data = wire ? message : toWire(message);
    await this.page.evaluate((m) => {
      (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*');
    }, data);
  }

  /** Sends a snapshot and waits until the page has drawn it. */
  async sendSnapshot(
    source: PanelInspection | undefined,
    selectedNode?: number,
    settings: PanelSettings = { precision: 6 },
  ): Promise<void> {
    const count = await this.snapshotCount();
    await this.send(snapshotMessage(source, settings, selectedNode), true);
    await this.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
  }

  /**
   * Sends a snapshot as the extension does for a worker's inspection: UTF-8 JSON bytes joined
   * around the result's JSON, in a Uint8Array.
   */
  async sendEncodedSnapshot(source: PanelInspection, settings: PanelSettings): Promise<void> {
    const count = await this.snapshotCount();
    const { result, ...rest } = source;
    const { before, after } = snapshotJsonAround(rest, settings, undefined);
    const bytes = [...new TextEncoder().encode(`${before}${wireJson(result)}${after}`)];
    await this.page.evaluate((data) => {
      const json = new Uint8Array(data);
      (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(
        { type: 'encoded', json },
        '*',
      );
    }, bytes);
    await this.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
  }

  private async snapshotCount(): Promise<number> {
    return Number((await this.page.locator('#app').getAttribute('data-snapshots')) ?? '0');
  }

  /** The VS Code theme's look: body class and the CSS variables VS Code sets. */
  async setTheme(kind: 'light' | 'dark'): Promise<void> {
    await this.page.evaluate(
      ({ kind, variables }) => {
        const d = (
          globalThis as unknown as {
            document: {
              body: { className: string };
              documentElement: { style: { setProperty(name: string, value: string): void } };
            };
          }
        ).document;
        d.body.className = `vscode-${kind}`;
        for (const [name, value] of Object.entries(variables)) {
          d.documentElement.style.setProperty(name, value);
        }
      },
      { kind, variables: THEMES[kind] },
    );
  }
}

/** A few of the variables VS Code sets for its Light Modern and Dark Modern themes. */
const THEMES: Readonly<Record<'light' | 'dark', Readonly<Record<string, string>>>> = {
  light: {
    '--vscode-font-family': 'system-ui, "DejaVu Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-widget-border': '#e5e5e5',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-textBlockQuote-background': '#f8f8f8',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-input-background': '#ffffff',
    '--vscode-input-border': '#cecece',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorWarning-foreground': '#bf8803',
  },
  dark: {
    '--vscode-font-family': 'system-ui, "DejaVu Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-widget-border': '#313131',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-textBlockQuote-background': '#2b2b2b',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-input-background': '#313131',
    '--vscode-input-border': '#3c3c3c',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorWarning-foreground': '#cca700',
  },
};
