/**
 * Loads the tree-sitter runtime and grammars and lets V8 compile them and the front ends, once
 * per process, as the extension host has after its first inspection. Tests that time single
 * inputs run this first, so that they measure the work an input causes, not the loading.
 */
import type { FrontEndLookup } from '../../src/core/inspectSource';
import { inspectSource } from '../../src/core/inspectSource';

const WARM_UP: readonly (readonly ['math' | 'python' | 'javascript' | 'typescript', string])[] = [
  ['math', `f(x, y) = ${'-'.repeat(300)}${'sin('.repeat(200)}x y${')'.repeat(200)} + \\frac{x}{y}`],
  [
    'python',
    `import math\n${'y = -(x) * 2 + math.sin(x)\n'.repeat(200)}f = ${'abs('.repeat(1000)}y${')'.repeat(1000)}`,
  ],
  [
    'javascript',
    `${'let y = -(x) * 2 + Math.sin(x);\n'.repeat(200)}const f = ${'Math.abs('.repeat(1000)}y${')'.repeat(1000)};`,
  ],
  [
    'typescript',
    `${'let y: number = -(x) * 2 + Math.sin(x);\n'.repeat(200)}const f = ${'Math.abs('.repeat(1000)}y${')'.repeat(1000)};`,
  ],
];

export async function warmUp(frontEnds: FrontEndLookup): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const [language, source] of WARM_UP) {
      const outcome = await inspectSource(frontEnds, {
        source,
        language,
        values: { x: 0.5, y: 2 },
      });
      if (!outcome.ok) {
        throw new Error(`warm-up in ${language} failed: ${outcome.error.message}`);
      }
    }
  }
}
