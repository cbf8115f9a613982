/**
 * "∇ Inspect derivatives" above the function definitions and assignments whose click would
 * inspect: the candidates (language/codeLens) are read by the real front end in the inspection
 * worker (core/lensTargets), once per document version and after a pause in typing, so a
 * lens never leads to "not supported".
 */
import * as vscode from 'vscode';
import type { Position } from '../engine/ir';
import { codeLensCandidates } from '../language/codeLens';
import type { LanguageId } from '../language/frontEnd';
import { documentSource, toVscodePosition } from './documentSource';
import { engineWorker } from './engineWorker';
import { frontEndLanguage } from './languages';
import { readSettings } from './settings';

/** Typing asks for lenses again and again: read only once the document rests this long. */
const PAUSE_MS = 250;

export class InspectCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** By `uri` and version (see cacheKey): where lenses go, in the document's coordinates. */
  private readonly kept = new Map<string, readonly Position[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
  }

  refresh(): void {
    this.kept.clear();
    this.changed.fire();
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    const settings = readSettings();
    const language = frontEndLanguage(document.languageId);
    if (!settings.codeLensEnabled || language === undefined) {
      return [];
    }
    if (language === 'math' && !settings.codeLensInTextDocuments) {
      return [];
    }
    const places = await this.placesIn(document, language, token);
    return places.map((at) => {
      const start = new vscode.Position(at.line, at.column);
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: '∇ Inspect derivatives',
        tooltip: 'Gradient Lens: inspect the derivatives of this statement',
        command: 'gradientLens.inspect',
        arguments: [document.uri, start],
      });
    });
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  /** The lens places of this version of the document: from the cache, else read. */
  private async placesIn(
    document: vscode.TextDocument,
    language: LanguageId,
    token: vscode.CancellationToken,
  ): Promise<readonly Position[]> {
    const version = document.version;
    const cached = this.kept.get(cacheKey(document.uri, version));
    if (cached !== undefined) {
      return cached;
    }
    if (!(await pause(PAUSE_MS, token)) || document.version !== version) {
      return [];
    }
    const source = documentSource(document);
    const candidates = codeLensCandidates(document.getText(), language, source.lineOffset);
    const answer =
      candidates.length === 0
        ? { kind: 'lenses' as const, kept: [] }
        : await engineWorker().lenses(
            {
              source: source.text,
              language,
              candidates,
              defaultValue: readSettings().defaultValue,
            },
            token,
          );
    switch (answer.kind) {
      case 'lenses': {
        const places = answer.kept.map((at) => {
          const position = toVscodePosition(at, source.lineOffset);
          return { line: position.line, column: position.character };
        });
        this.remember(document.uri, version, places);
        return places;
      }
      case 'cancelled':
        return [];
      case 'failed':
        this.log.error(`lenses of ${document.uri.toString()}: ${answer.message}`);
        return [];
      default: {
        const unexpected: never = answer;
        throw new Error(`unexpected answer ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** Keeps one version per document: an older one is never asked for again. */
  private remember(uri: vscode.Uri, version: number, places: readonly Position[]): void {
    this.forget(uri);
    this.kept.set(cacheKey(uri, version), places);
  }

  private forget(uri: vscode.Uri): void {
    const prefix = cacheKey(uri, '');
    for (const key of [...this.kept.keys()]) {
      if (key.startsWith(prefix)) {
        this.kept.delete(key);
      }
    }
  }
}

/** The cache's key: the URI and the version, apart by a character no URI holds. */
function cacheKey(uri: vscode.Uri, version: number | ''): string {
  return `${uri.toString()} ${version}`;
}

/** Waits `ms`; false if cancelled meanwhile. */
function pause(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const subscription = token.onCancellationRequested(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(false);
    });
  });
}
