/**
 * Runs one inspection of a document: the front end and the engine in the worker thread, asking
 * the user for the inputs that have no value when allowed to.
 */
import * as vscode from 'vscode';
import type { InspectError, InspectOutcome } from '../core/inspectSource';
import { assertNever } from '../engine/assertNever';
import type { InspectionRequest } from '../language/frontEnd';
import type { DocumentInspection, DocumentRequest } from '../present/inspection';
import { withDelayedProgress } from './delayedProgress';
import { documentSource } from './documentSource';
import { engineWorker } from './engineWorker';
import { askForValues } from './inputPrompt';
import { recordJob } from './inspectionStages';
import { frontEndLanguage } from './languages';
import type { Settings } from './settings';

/** How to run one inspection (what to inspect is the DocumentRequest). */
export interface InspectHow {
  /**
   * Ask for missing values and show a cancellable notification when slow (a command), or
   * fail quietly (re-inspection after an edit).
   */
  readonly interactive: boolean;
  readonly settings: Settings;
  /**
   * Whether a panel will show the result (default yes): only then does the worker make the
   * panel's JSON of it. Hovers and inlay hints read the result itself.
   */
  readonly forPanel?: boolean;
  readonly token?: vscode.CancellationToken;
}

export type InspectAttempt =
  | { readonly ok: true; readonly entry: DocumentInspection }
  | { readonly ok: false; readonly error: InspectFailure };

export type InspectFailure =
  | (InspectError & { readonly lineOffset: number })
  | { readonly kind: 'cancelled'; readonly message: string }
  | { readonly kind: 'language'; readonly message: string }
  /** The worker failed, not the document: `detail` is for the log. */
  | { readonly kind: 'internal'; readonly message: string; readonly detail: string };

type EngineAnswer =
  | { readonly ok: true; readonly outcome: InspectOutcome; readonly resultJson?: Uint8Array }
  | { readonly ok: false; readonly error: InspectFailure };

/** Asking for values again and again would be a loop; two rounds cover conditions then inputs. */
const MAX_ROUNDS = 3;

export async function inspectDocument(
  document: vscode.TextDocument,
  request: DocumentRequest,
  how: InspectHow,
): Promise<InspectAttempt> {
  const { settings } = how;
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
    const job: InspectionRequest = {
      ...optionalRequestFields(request),
      source: source.text,
      language,
      selection: request.selection,
      values,
      check: settings.gradientCheck,
      // Travels with the request: the engine runs in the worker thread, where settings are not.
      ...(settings.checkInvariants ? { checkInvariants: true } : {}),
    };
    const answer = await runEngine(job, how);
    if (!answer.ok) {
      return answer;
    }
    const outcome = answer.outcome;
    if (outcome.ok) {
      const common = {
        uri: document.uri.toString(),
        lineOffset: source.lineOffset,
        request: { ...optionalRequestFields(request), selection: outcome.program.range, values },
        ...(answer.resultJson === undefined ? {} : { resultJson: answer.resultJson }),
      };
      return { ok: true, entry: documentInspection(outcome, common) };
    }
    const missing = outcome.error.names ?? [];
    const needsValues = outcome.error.kind === 'unbound' || outcome.error.kind === 'unknown-name';
    if (!needsValues || missing.length === 0 || !how.interactive) {
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

/** The document's inspection of a successful outcome, of the outcome's kind. */
function documentInspection(
  outcome: Extract<InspectOutcome, { ok: true }>,
  common: Pick<DocumentInspection, 'uri' | 'lineOffset' | 'request' | 'resultJson'>,
): DocumentInspection {
  switch (outcome.kind) {
    case 'scalar':
      return {
        ...common,
        kind: 'scalar',
        result: outcome.result,
        program: outcome.program,
        values: outcome.values,
      };
    case 'tensor':
      return {
        ...common,
        kind: 'tensor',
        result: outcome.result,
        program: outcome.program,
        values: outcome.values,
      };
    default:
      return assertNever(outcome, 'outcome');
  }
}

/**
 * The request's output choice and call site, without keys set to undefined (they would travel
 * as such).
 */
export function optionalRequestFields(
  request: Pick<DocumentRequest, 'output' | 'outputNode' | 'callSite'>,
): Pick<DocumentRequest, 'output' | 'outputNode' | 'callSite'> {
  return {
    ...(request.callSite === undefined ? {} : { callSite: request.callSite }),
    ...(request.output === undefined ? {} : { output: request.output }),
    ...(request.outputNode === undefined ? {} : { outputNode: request.outputNode }),
  };
}

async function runEngine(job: InspectionRequest, how: InspectHow): Promise<EngineAnswer> {
  const panelJson = how.forPanel ?? true;
  const run = (token: vscode.CancellationToken | undefined) =>
    engineWorker().inspect(job, token, { panelJson });
  const answer = how.interactive
    ? await withDelayedProgress('Gradient Lens: inspecting…', how.token, run)
    : await run(how.token);
  switch (answer.kind) {
    case 'done':
      recordJob(answer.timings);
      return {
        ok: true,
        outcome: answer.outcome,
        ...(answer.resultJson === undefined ? {} : { resultJson: answer.resultJson }),
      };
    case 'cancelled':
      return { ok: false, error: { kind: 'cancelled', message: 'the inspection was cancelled' } };
    case 'failed':
      return {
        ok: false,
        error: {
          kind: 'internal',
          message:
            answer.stopped === true
              ? answer.message
              : 'the inspection failed unexpectedly (details in the "Gradient Lens" log)',
          detail: answer.message,
        },
      };
    default: {
      const unexpected: never = answer;
      throw new Error(`unexpected answer ${JSON.stringify(unexpected)}`);
    }
  }
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
