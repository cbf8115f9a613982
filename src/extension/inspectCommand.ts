/**
 * "Gradient Lens: Inspect Derivatives": the selection (or the statement at the cursor) read,
 * differentiated, stored for hovers and hints, and shown in the panel. Returns a plain summary
 * so tests and other extensions can call the command and read what it found.
 */
import * as vscode from 'vscode';
import { assertNever } from '../engine/assertNever';
import { setOwn } from '../engine/records';
import type { DocumentInspection } from '../present/inspection';
import { documentSource, toSourceRange } from './documentSource';
import { reportFailure } from './errorReport';
import { inspectDocument } from './inspector';
import { frontEndLanguage } from './languages';
import { beginStages, endStages, recordStored } from './inspectionStages';
import type { InspectionStore } from './inspectionStore';
import type { InspectionPanel } from './panel';
import { readSettings } from './settings';

export type InspectSummary =
  | (SummaryOf<'scalar', number> & { readonly ok: true })
  /** Code with arrays: each gradient with its shape and its elements in row-major order. */
  | (SummaryOf<'tensor', TensorJson> & { readonly ok: true })
  | { readonly ok: false; readonly error: { readonly kind: string; readonly message: string } };

interface SummaryOf<K extends string, G> {
  readonly kind: K;
  readonly output: { readonly name: string; readonly value: number };
  readonly value: number;
  readonly grads: Readonly<Record<string, G>>;
  /** Inputs the output does not use (no gradient, not even 0). */
  readonly unused: readonly string[];
}

/** A tensor as plain data: what a caller of the command can compare or print. */
export interface TensorJson {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export interface InspectDependencies {
  readonly store: InspectionStore;
  readonly panel: InspectionPanel;
  readonly log: vscode.LogOutputChannel;
}

/**
 * `uri` and `at` come from a CodeLens (where it inspects from); `call`, from the lens on a call
 * of a function, is that call, whose arguments give the function's parameters.
 */
export async function inspectCommand(
  deps: InspectDependencies,
  uri?: vscode.Uri,
  at?: vscode.Position,
  call?: vscode.Position,
): Promise<InspectSummary> {
  beginStages();
  const target = await targetOf(uri, at);
  if (target === undefined) {
    const message = 'open a document and select code to inspect';
    void vscode.window.showInformationMessage(`Gradient Lens: ${message}`);
    return { ok: false, error: { kind: 'no-editor', message } };
  }
  const { document, selection } = target;
  const lineOffset = documentSource(document).lineOffset;
  const previous = deps.store.get(document.uri);
  // A document no front end reads is refused at once, without a panel.
  const opened =
    frontEndLanguage(document.languageId) === undefined ? false : deps.panel.openForInspection();
  const callSite =
    call instanceof vscode.Position && uri !== undefined
      ? { callSite: toSourceRange(new vscode.Range(call, call), lineOffset) }
      : {};
  const attempt = await inspectDocument(
    document,
    {
      selection: toSourceRange(selection, lineOffset),
      values: previous?.request.values ?? {},
      ...callSite,
    },
    { interactive: true, settings: readSettings() },
  );
  if (!attempt.ok) {
    endStages();
    if (opened && attempt.error.kind === 'cancelled') {
      deps.panel.close();
    }
    deps.panel.refused(attempt.error, document.uri, selection);
    void reportFailure(attempt.error, document, deps.log);
    return { ok: false, error: { kind: attempt.error.kind, message: attempt.error.message } };
  }
  recordStored(attempt.entry.uri);
  deps.store.set(attempt.entry);
  deps.panel.show(attempt.entry.uri);
  const { result } = attempt.entry;
  deps.log.info(
    `${document.uri.toString()}: ${result.output.name} = ${result.value}, ${result.nodes.length} nodes`,
  );
  return summaryOf(attempt.entry);
}

function summaryOf(entry: DocumentInspection): InspectSummary {
  const { result } = entry;
  const common = {
    output: { name: result.output.name, value: result.value },
    value: result.value,
    unused: result.unused.map((input) => input.name),
  };
  switch (entry.kind) {
    case undefined:
    case 'scalar':
      return { ok: true, kind: 'scalar', ...common, grads: entry.result.grads };
    case 'tensor': {
      const grads: Record<string, TensorJson> = {};
      for (const [key, grad] of Object.entries(entry.result.grads)) {
        setOwn(grads, key, { shape: [...grad.shape], data: Array.from(grad.data) });
      }
      return { ok: true, kind: 'tensor', ...common, grads };
    }
    default:
      return assertNever(entry, 'inspection');
  }
}

/** From a CodeLens (a URI and a position) or the active editor's selection. */
async function targetOf(
  uri: vscode.Uri | undefined,
  at: vscode.Position | undefined,
): Promise<{ document: vscode.TextDocument; selection: vscode.Range } | undefined> {
  if (uri instanceof vscode.Uri && at instanceof vscode.Position) {
    const document = await vscode.workspace.openTextDocument(uri);
    return { document, selection: new vscode.Range(at, at) };
  }
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    return undefined;
  }
  return { document: editor.document, selection: editor.selection };
}
