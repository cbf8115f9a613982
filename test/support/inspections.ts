/** Real inspections of source text, through the same pipeline the extension uses. */
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, type InspectRequest } from '../../src/core/inspectSource';
import type { Inspection } from '../../src/present/inspection';
import { wasmFromNodeModules } from './wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

export async function inspectionOf(request: InspectRequest): Promise<Inspection> {
  const outcome = await inspectSource(frontEnds, request);
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  return {
    result: outcome.result,
    program: outcome.program,
    values: outcome.values,
    range: outcome.program.range,
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
