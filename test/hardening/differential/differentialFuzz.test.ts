/**
 * Differential fuzzing: random straight-line programs (rebinding, shadowing, augmented
 * assignment, dead code, functions with defaults) read by the tool without running them, and
 * run for real in Python (/usr/bin/python3 with NumPy) and node (JavaScript, TypeScript). The
 * tool's value and its gradient for every literal binding must match the real value and the
 * central differences; a silent wrong gradient is the worst bug the tool can have.
 *
 * `npm test` runs 1,000 programs per language with a fixed seed; `npm run fuzz` runs 10,000.
 * GRADIENT_LENS_FUZZ_RUNS and GRADIENT_LENS_FUZZ_SEED choose the number and the sequence.
 * A failure prints the shrunk program, the tool's and the real numbers.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inspectionOf } from '../../support/inspections';
import { PythonProcess, runReal, type RealResult } from './realRunners';
import {
  build,
  instantiate,
  LANGUAGES,
  programRecipe,
  render,
  type Language,
  type ProgramRecipe,
  type Rendered,
} from './straightLinePrograms';
import { compareWithTool } from './toolComparison';

const RUNS = Number(process.env.GRADIENT_LENS_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.GRADIENT_LENS_FUZZ_SEED ?? 20_250_601);
/** Programs that overflow or leave a domain in the real language are skipped; only a few may. */
const MAX_DISCARDED = 0.1;

/** The real runs of the whole sequence in one batch, by program text. */
async function realRunsOf(
  language: Language,
  recipes: readonly ProgramRecipe[],
  python: PythonProcess,
): Promise<Map<string, RealResult>> {
  const programs = recipes.map((recipe) => render(build(recipe), language));
  const results = await runReal(language, programs, python);
  // Keyed by the program as written: placeholders alone leave out the literals.
  return new Map(programs.map((program, i) => [instantiate(program), results[i] as RealResult]));
}

async function realRunOf(
  language: Language,
  program: Rendered,
  known: Map<string, RealResult>,
  python: PythonProcess,
): Promise<RealResult> {
  const cached = known.get(instantiate(program));
  if (cached !== undefined) return cached;
  // Shrinking meets new programs: one at a time, through the same Python process.
  const [result] = await runReal(language, [program], python);
  return result as RealResult;
}

describe('differential fuzzing: straight-line programs against the real languages', () => {
  let python: PythonProcess | undefined;

  before(async function () {
    this.timeout(60_000);
    python = await PythonProcess.start();
    // Load the grammars once, so the runs below time the work of the programs.
    for (const language of LANGUAGES) {
      const source = language === 'python' ? 'x = 1\nf = x\n' : 'let x = 1;\nlet f = x;\n';
      await inspectionOf({ source, language });
    }
  });

  after(() => python?.close());

  for (const language of LANGUAGES) {
    it(`${language}: ${RUNS} programs give the real value and the real derivative of every binding`, async function () {
      this.timeout(60_000 + RUNS * 30);
      const runner = python as PythonProcess;
      const sequence = fc.sample(programRecipe, { seed: SEED, numRuns: RUNS });
      const known = await realRunsOf(language, sequence, runner);
      let discarded = 0;
      const details = await fc.check(
        fc.asyncProperty(programRecipe, async (recipe) => {
          const program = render(build(recipe), language);
          const real = await realRunOf(language, program, known, runner);
          if (!real.value.ok) discarded++;
          fc.pre(real.value.ok);
          const comparison = await compareWithTool(language, program, real.value.value, real);
          assert.ok(comparison.problems.length === 0, comparison.report);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      if (details.failed) {
        const reason = details.errorInstance instanceof Error ? details.errorInstance.message : '';
        assert.fail(
          `${reason}\n(GRADIENT_LENS_FUZZ_SEED=${SEED}, run ${details.numRuns}, ` +
            `shrunk ${details.numShrinks} times, path ${details.counterexamplePath ?? ''})`,
        );
      }
      assert.ok(
        discarded <= MAX_DISCARDED * RUNS,
        `${discarded} of ${RUNS} programs failed in real ${language}: the generator leaves its domains`,
      );
    });
  }
});
