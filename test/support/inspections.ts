/** Real inspections of source text, through the same pipeline the extension uses. */
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import type { InspectionRequest } from '../../src/language/frontEnd';
import type { ScalarInspection } from '../../src/present/inspection';
import { wasmFromNodeModules } from './wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

/** A document's inspection of scalar code `request.source` (the document `uri`, no notebook cells). */
export async function inspectionOf(
  request: InspectionRequest,
  uri = 'file:///work/inspected',
): Promise<ScalarInspection> {
  const outcome = await inspectSource(frontEnds, request);
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  if (outcome.kind !== 'scalar') {
    throw new Error('the code has arrays: its inspection is a tensor one');
  }
  return {
    uri,
    result: outcome.result,
    program: outcome.program,
    values: outcome.values,
    lineOffset: 0,
    request: {
      selection: outcome.program.range,
      values: request.values ?? {},
      ...(request.output === undefined ? {} : { output: request.output }),
      ...(request.outputNode === undefined ? {} : { outputNode: request.outputNode }),
    },
  };
}

export const REFERENCE_PYTHON = 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n';

/** The whole selection of lines `from`..`to` (zero-based, inclusive) of `source`. */
export function linesRange(source: string, from: number, to: number) {
  const lines = source.split('\n');
  return {
    start: { line: from, column: 0 },
    end: { line: to, column: (lines[to] ?? '').length },
  };
}
