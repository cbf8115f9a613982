/**
 * Loads dist/panelAnswers.js, beside the extension's bundle, on the first request that needs
 * it: the tensor engine it carries stays out of the code activation loads.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as PanelAnswersModule from './panelAnswers';

type PanelAnswers = typeof PanelAnswersModule;

let loaded: PanelAnswers | undefined;

export function panelAnswers(): PanelAnswers {
  loaded ??= createRequire(__filename)(join(__dirname, 'panelAnswers.js')) as PanelAnswers;
  return loaded;
}
