/**
 * "Write the backward pass": reads the forward pass the request selects through the same
 * pipeline as every inspection, then writes its backward pass in the file's language and style.
 */
import type { InspectionRequest } from '../../language/frontEnd';
import { inspectSource, type FrontEndLookup } from '../inspectSource';
import { backwardStyle } from './backwardStyle';
import { codeDialect } from './codeDialect';
import { writeNumpyMatrix } from './numpyMatrixWriter';
import { writeStagedScalar } from './stagedScalarWriter';
import type { WriteOutcome } from './writtenBackward';

export async function writeBackward(
  frontEndFor: FrontEndLookup,
  request: InspectionRequest,
): Promise<WriteOutcome> {
  const outcome = await inspectSource(frontEndFor, { ...request, steps: true, check: false });
  if (!outcome.ok) {
    return { ok: false, error: outcome.error };
  }
  const style = backwardStyle(request.language, outcome.kind, request.source);
  const dialect = codeDialect(request.language, request.source);
  if (!style.ok || dialect === undefined) {
    const message = style.ok
      ? 'this language has no code to write a backward pass in'
      : style.message;
    return { ok: false, error: { kind: 'unwritable', message } };
  }
  if (outcome.kind === 'scalar') {
    return writeStagedScalar(outcome.program, outcome.result, request.source, dialect);
  }
  return writeNumpyMatrix(outcome.program, outcome.result, request.source);
}
