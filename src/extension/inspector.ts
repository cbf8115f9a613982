/**
 * Runs one inspection of a document: the front end and the engine (loaded lazily), asking the
 * user for the inputs that have no value when allowed to, and storing the result.
 */
import * as vscode from 'vscode';
import type { SourceRange } from '../engine/ir';
import type { InspectError } from '../core/inspectSource';
import type { Inspection } from '../present/inspection';
import { documentSource } from './documentSource';
import { loadEngine } from './engine';
import { askForValues } from './inputPrompt';
import type { DocumentInspection } from './inspectionStore';
import { frontEndLanguage } from './languages';
import type { Settings } from './settings';

export interface InspectRequest {
  readonly document: vscode.TextDocument;
  /** In the coordinates of the document's source (see documentSource). */
  readonly selection: SourceRange;
  readonly values: Readonly<Record<string, number>>;
  readonly output?: string;
  /** Ask for missing values (a command) or fail (re-inspection after an edit). */
  readonly interactive: boolean;
  readonly settings: Settings;
}

export type InspectAttempt =
  | { readonly ok: true; readonly entry: DocumentInspection }
  | { readonly ok: false; readonly error: InspectFailure };

export type InspectFailure =
  | (InspectError & { readonly lineOffset: number })
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'language'; readonly message: string };

/** Asking for values again and again would be a loop; two rounds cover conditions then inputs. */
const MAX_ROUNDS = 3;

export async function inspectDocument(request: InspectRequest): Promise<InspectAttempt> {
  const { document, settings } = request;
  const language = frontEndLanguage(document.languageId);
  if (language === undefined) {
    return {
      ok: false,
      error: {
        kind: 'language',
        message: `Gradient Lens does not read ${document.languageId} documents`,
      },
    };
  }
  const source = documentSource(document);
  let values = request.values;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const outcome = await loadEngine().inspectSource({
      source: source.text,
      language,
      selection: request.selection,
      values,
      check: settings.gradientCheck,
      ...(request.output === undefined ? {} : { output: request.output }),
    });
    if (outcome.ok) {
      const inspection: Inspection = {
        result: outcome.result,
        program: outcome.program,
        values: outcome.values,
        range: outcome.program.range,
      };
      const entry: DocumentInspection = {
        uri: document.uri.toString(),
        inspection,
        lineOffset: source.lineOffset,
        request: {
          selection: outcome.program.range,
          values,
          ...(request.output === undefined ? {} : { output: request.output }),
        },
      };
      return { ok: true, entry };
    }
    const missing = outcome.error.names ?? [];
    const needsValues = outcome.error.kind === 'unbound' || outcome.error.kind === 'unknown-name';
    if (!needsValues || missing.length === 0 || !request.interactive) {
      return { ok: false, error: { ...outcome.error, lineOffset: source.lineOffset } };
    }
    const given = await valuesFor(missing, settings);
    if (given === undefined) {
      return { ok: false, error: { kind: 'cancelled', message: 'no values given' } };
    }
    values = { ...values, ...given };
  }
  return { ok: false, error: { kind: 'cancelled', message: 'input values are still missing' } };
}

async function valuesFor(
  names: readonly string[],
  settings: Settings,
): Promise<Readonly<Record<string, number>> | undefined> {
  const defaults = Object.fromEntries(names.map((name) => [name, settings.defaultValue]));
  if (!settings.askForUnbound) {
    return defaults;
  }
  const prompt = `Values for ${names.join(', ')} (not assigned above the selection)`;
  return askForValues(prompt, defaults, names);
}
