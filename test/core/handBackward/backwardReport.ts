/** The check of a Python source through the real front ends, as the CLI and the extension run it. */
import { createFrontEnds } from '../../../src/core/frontEnds';
import { checkBackward } from '../../../src/core/handBackward/checkBackward';
import type { BackwardCheckReport } from '../../../src/core/handBackward/report';
import type { SourceRange } from '../../../src/engine/ir';
import type { LanguageId } from '../../../src/language/frontEnd';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

export async function reportOf(
  source: string,
  output?: string,
  language: LanguageId = 'python',
  selection?: SourceRange,
): Promise<BackwardCheckReport> {
  const outcome = await checkBackward(frontEnds, {
    source,
    language,
    ...(selection === undefined ? {} : { selection }),
    ...(output === undefined ? {} : { output }),
  });
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  return outcome.report;
}

export async function refusalOf(source: string): Promise<{ kind: string; message: string }> {
  const outcome = await checkBackward(frontEnds, { source, language: 'python' });
  if (outcome.ok) {
    throw new Error('expected a refusal');
  }
  return outcome.error;
}
