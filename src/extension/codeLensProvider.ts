/**
 * "∇ Inspect derivatives" above the function definitions and assignments whose click would
 * inspect: the candidates (language/codeLens) are read by the real front end in the inspection
 * worker (core/lensTargets), after a pause in typing, and remembered per document version, so
 * a lens never leads to "not supported". A long file of array code is read a screen at a time:
 * each job reads for at most READ_BUDGET_MS, the candidates on screen first, and the next job
 * goes on while some on screen are unread; scrolling to candidates not yet read asks for them.
 * Until read, a candidate has no lens. A function called more than once gets "∇ Inspect at this
 * call" on each call whose click inspects it with that call's values, read after the others.
 */
import * as vscode from 'vscode';
import type { Position } from '../engine/ir';
import { callLensCandidates, codeLensCandidates, type CallCandidate } from '../language/codeLens';
import type { LanguageId } from '../language/frontEnd';
import { pause } from './cancellablePause';
import { documentSource } from './documentSource';
import { engineWorker } from './engineWorker';
import { frontEndLanguage } from './languages';
import { readSettings } from './settings';

/** Typing asks for lenses again and again: read only once the document rests this long. */
const PAUSE_MS = 250;
/** How long one job may read: the worker also runs the inspections, which wait behind it. */
const READ_BUDGET_MS = 1_000;

/** What is known of one version of a document, in its own coordinates. */
interface Known {
  /** Lines of candidates read so far. */
  readonly read: Set<number>;
  /** Those of them whose click inspects: where lenses go. */
  readonly kept: Position[];
  /** How many of the call candidates were read, from the first. */
  callsRead: number;
  /** Those of them whose click inspects the function at the call. */
  readonly keptCalls: CallCandidate[];
}

/** The lens places of a document version: statements, and calls of functions. */
interface Places {
  readonly statements: readonly Position[];
  readonly calls: readonly CallCandidate[];
}

export class InspectCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** By URI and version (see cacheKey), one version per document. */
  private readonly known = new Map<string, Known>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.scrolled(event)),
    ];
  }

  refresh(): void {
    this.known.clear();
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
    const statements = places.statements.map((at) => {
      const start = new vscode.Position(at.line, at.column);
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: '∇ Inspect derivatives',
        tooltip: 'Gradient Lens: inspect the derivatives of this statement',
        command: 'gradientLens.inspect',
        arguments: [document.uri, start],
      });
    });
    const calls = severalPerFunction(places.calls).map(({ function: fn, call }) => {
      const at = new vscode.Position(call.line, call.column);
      return new vscode.CodeLens(new vscode.Range(at, at), {
        title: '∇ Inspect at this call',
        tooltip: `Gradient Lens: inspect the function of line ${fn.line + 1} with this call's values`,
        command: 'gradientLens.inspect',
        arguments: [document.uri, new vscode.Position(fn.line, fn.column), at],
      });
    });
    return [...statements, ...calls];
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  /**
   * The lens places of this version of the document: what is known, after reading the
   * candidates not yet read (all of them the first time, then those scrolled into view).
   */
  private async placesIn(
    document: vscode.TextDocument,
    language: LanguageId,
    token: vscode.CancellationToken,
  ): Promise<Places> {
    const version = document.version;
    const key = cacheKey(document.uri, version);
    const known = this.known.get(key);
    const placesKnown = { statements: known?.kept ?? [], calls: known?.keptCalls ?? [] };
    const candidates = codeLensCandidates(document.getText(), language);
    const toRead = candidatesToRead(candidates, known, visibleRangesOf(document));
    const callsFrom = known?.callsRead ?? 0;
    const callsToRead = callLensCandidates(document.getText(), language).slice(callsFrom);
    if (toRead.length === 0 && callsToRead.length === 0) {
      return placesKnown;
    }
    if (!(await pause(PAUSE_MS, token)) || document.version !== version) {
      return placesKnown;
    }
    const source = documentSource(document);
    const shift = (at: Position): Position => ({
      line: at.line + source.lineOffset,
      column: at.column,
    });
    const answer = await engineWorker().lenses(
      {
        source: source.text,
        language,
        candidates: toRead.map(shift),
        defaultValue: readSettings().defaultValue,
        calls: callsToRead.map((call) => ({
          function: shift(call.function),
          call: shift(call.call),
        })),
      },
      READ_BUDGET_MS,
      token,
    );
    switch (answer.kind) {
      case 'lenses': {
        const entry = this.known.get(key) ?? this.remember(document.uri, key);
        const kept = new Set(answer.kept.map((at) => at.line));
        for (const at of toRead.slice(0, answer.read)) {
          // Another request may have read it meanwhile: each place once.
          if (!entry.read.has(at.line)) {
            entry.read.add(at.line);
            if (kept.has(at.line + source.lineOffset)) {
              entry.kept.push(at);
            }
          }
        }
        entry.kept.sort((a, b) => a.line - b.line);
        if (entry.callsRead === callsFrom) {
          // Another request may have read them meanwhile: each call once.
          this.readCalls(entry, callsToRead, answer, source.lineOffset);
        }
        this.continueOnScreen(document, toRead.slice(answer.read));
        if ((answer.callsRead ?? 0) < callsToRead.length) {
          this.changed.fire();
        }
        return { statements: entry.kept, calls: entry.keptCalls };
      }
      case 'cancelled':
        return placesKnown;
      case 'failed':
        this.log.error(`lenses of ${document.uri.toString()}: ${answer.message}`);
        return placesKnown;
      default: {
        const unexpected: never = answer;
        throw new Error(`unexpected answer ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** The calls the job read, from the first of those not read before (each call once). */
  private readCalls(
    entry: Known,
    asked: readonly CallCandidate[],
    answer: { readonly keptCalls?: readonly CallCandidate[]; readonly callsRead?: number },
    lineOffset: number,
  ): void {
    const read = answer.callsRead ?? 0;
    const kept = new Set(
      (answer.keptCalls ?? []).map((candidate) => candidate.call.line - lineOffset),
    );
    for (const candidate of asked.slice(0, read)) {
      if (kept.has(candidate.call.line)) {
        entry.keptCalls.push(candidate);
      }
    }
    entry.callsRead += read;
  }

  /**
   * The job ran out of time with candidates on screen still unread: VS Code is asked for the
   * lenses again, and the next job reads on (each job reads one at least, so this ends).
   */
  private continueOnScreen(document: vscode.TextDocument, unread: readonly Position[]): void {
    const visible = visibleRangesOf(document);
    if (unread.some((at) => onScreen(at, visible))) {
      this.changed.fire();
    }
  }

  /** Candidates not read yet came into view: ask VS Code for the lenses again. */
  private scrolled(event: vscode.TextEditorVisibleRangesChangeEvent): void {
    const { document } = event.textEditor;
    const known = this.known.get(cacheKey(document.uri, document.version));
    const language = frontEndLanguage(document.languageId);
    if (known === undefined || language === undefined) {
      return;
    }
    const candidates = codeLensCandidates(document.getText(), language);
    const visible = event.visibleRanges;
    if (candidates.some((at) => !known.read.has(at.line) && onScreen(at, visible))) {
      this.changed.fire();
    }
  }

  /** A fresh entry for this version; an older version is never asked for again. */
  private remember(uri: vscode.Uri, key: string): Known {
    this.forget(uri);
    const entry: Known = { read: new Set(), kept: [], callsRead: 0, keptCalls: [] };
    this.known.set(key, entry);
    return entry;
  }

  private forget(uri: vscode.Uri): void {
    const prefix = cacheKey(uri, '');
    for (const key of [...this.known.keys()]) {
      if (key.startsWith(prefix)) {
        this.known.delete(key);
      }
    }
  }
}

/**
 * The calls of functions with two calls or more whose click inspects (a candidate in a comment
 * is no call): with one, inspecting the function takes that call already.
 */
function severalPerFunction(calls: readonly CallCandidate[]): CallCandidate[] {
  const counts = new Map<number, number>();
  for (const { function: fn } of calls) {
    counts.set(fn.line, (counts.get(fn.line) ?? 0) + 1);
  }
  return calls.filter(({ function: fn }) => (counts.get(fn.line) ?? 0) > 1);
}

/**
 * What to read: every candidate the first time, those on screen first; later only the unread
 * ones on screen (the others wait until they are scrolled to).
 */
function candidatesToRead(
  candidates: readonly Position[],
  known: Known | undefined,
  visible: readonly vscode.Range[],
): Position[] {
  const unread = candidates.filter((at) => known?.read.has(at.line) !== true);
  const shown = unread.filter((at) => onScreen(at, visible));
  if (known !== undefined) {
    return shown;
  }
  return [...shown, ...unread.filter((at) => !onScreen(at, visible))];
}

function onScreen(at: Position, visible: readonly vscode.Range[]): boolean {
  return visible.some((range) => range.start.line <= at.line && at.line <= range.end.line);
}

function visibleRangesOf(document: vscode.TextDocument): vscode.Range[] {
  return vscode.window.visibleTextEditors
    .filter((editor) => editor.document === document)
    .flatMap((editor) => [...editor.visibleRanges]);
}

/** The cache's key: the URI and the version, apart by a character no URI holds. */
function cacheKey(uri: vscode.Uri, version: number | ''): string {
  return `${uri.toString()} ${version}`;
}
