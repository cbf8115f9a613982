/** Real tensor inspections of source text, as the panel receives them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import type { PanelTensorInspection } from '../../src/protocol/protocol';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';
import { wasmFromNodeModules } from './wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

/** The whole of `samples/<name>` inspected (Python), as the panel receives it. */
export async function samplePanel(name: string): Promise<PanelTensorInspection> {
  const source = readFileSync(join(__dirname, '..', '..', 'samples', name), 'utf8');
  const outcome = await inspectSource(frontEnds, { source, language: 'python' });
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  if (outcome.kind !== 'tensor') {
    throw new Error(`${name} has no arrays: its inspection is a scalar one`);
  }
  return {
    uri: `file:///work/${name}`,
    fileName: name,
    result: tensorPanelResult(outcome.result),
    lineOffset: 0,
    outputChosen: false,
    request: { selection: outcome.program.range, values: {} },
  };
}
