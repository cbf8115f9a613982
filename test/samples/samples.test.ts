/**
 * Every file in samples/ (found by listing the folder, so a new sample is covered) inspects as
 * it stands, the way its opening comment tells a first-time user to: the whole file, some
 * lines, or the statement at the cursor, through the pipeline and front ends the extension
 * uses. No error, a finite value, finite gradients that central differences confirm; the array
 * samples also give the value and gradients real NumPy and PyTorch compute.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import {
  inspectSource,
  type InspectOutcome,
  type TensorOutcome,
} from '../../src/core/inspectSource';
import type { SourceRange } from '../../src/engine/ir';
import { languageOfExtension } from '../../src/language/languages';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { differences, runInPython, type PythonSample } from './pythonRun';
import { describeSelection, headerSelection, selectionRange } from './sampleHeader';
import { SAMPLE_TWINS } from './sampleTwins';

const SAMPLES = join(__dirname, '..', '..', 'samples');
/** Files only: samples/.vscode holds the workspace's settings, not a sample. */
const FILES = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
  .map((entry) => entry.name)
  .sort();

const frontEnds = createFrontEnds(wasmFromNodeModules);

function sourceOf(file: string): string {
  return readFileSync(join(SAMPLES, file), 'utf8');
}

async function inspect(file: string, selection: SourceRange): Promise<InspectOutcome> {
  const language = languageOfExtension(extname(file));
  assert.ok(language !== undefined, `no front end reads ${extname(file)} files`);
  return inspectSource(frontEnds, { source: sourceOf(file), language, selection, check: true });
}

/** Why an outcome is not a finite, checked result; empty when it is one. */
function problemsOf(outcome: InspectOutcome): string[] {
  if (!outcome.ok) {
    const place =
      outcome.error.range === undefined ? '' : ` at line ${outcome.error.range.start.line + 1}`;
    return [`${outcome.error.kind}${place}: ${outcome.error.message}`];
  }
  const result = outcome.result;
  const grads: [string, ArrayLike<number>][] = Object.entries(result.grads).map(([name, grad]) => [
    name,
    typeof grad === 'number' ? [grad] : grad.data,
  ]);
  const problems: string[] = [];
  if (!Number.isFinite(result.value)) {
    problems.push(`${result.output.name} = ${result.value}`);
  }
  if (result.firstNonFinite !== undefined) {
    problems.push(result.firstNonFinite.message);
  }
  if (grads.length === 0) {
    problems.push(`${result.output.name} has no input to differentiate`);
  }
  for (const [name, data] of grads) {
    if (!Array.from(data).every(Number.isFinite)) {
      problems.push(`∂${result.output.name}/∂${name} is not finite`);
    }
  }
  for (const check of result.check ?? []) {
    if (check.verdict === 'wrong') {
      problems.push(
        `∂${result.output.name}/∂${check.input}: ${check.analytic}, central differences ${check.numeric}`,
      );
    }
  }
  return problems;
}

/** The name Python binds the output to: ours marks later versions `loss₂`, `loss₃`. */
function pythonName(name: string): string {
  return name.replace(/[₀-₉]+$/, '');
}

function pythonSample(file: string, outcome: TensorOutcome): PythonSample {
  const source = sourceOf(file);
  const twin = SAMPLE_TWINS[file];
  const common = { name: file, source, output: pythonName(outcome.result.output.name) };
  if (/^(import|from) torch\b/m.test(source)) {
    return { ...common, library: 'torch' };
  }
  assert.ok(twin !== undefined, `${file}: give it a torch twin in test/samples/sampleTwins.ts`);
  return { ...common, library: 'numpy', twin };
}

describe('samples: each inspects as its opening comment tells a new user to', function () {
  // Tree-sitter loads once; Python with torch starts in seconds.
  this.timeout(300_000);
  const outcomes = new Map<string, InspectOutcome>();

  before(async () => {
    for (const file of FILES) {
      const selection = headerSelection(sourceOf(file));
      if (typeof selection !== 'string') {
        outcomes.set(file, await inspect(file, selectionRange(sourceOf(file), selection)));
      }
    }
  });

  it('lists samples in every language, among them array code', () => {
    const languages = new Set(FILES.map((file) => languageOfExtension(extname(file))));
    assert.deepEqual([...languages].sort(), ['javascript', 'math', 'python', 'typescript']);
    assert.ok(Object.keys(SAMPLE_TWINS).every((file) => FILES.includes(file)));
  });

  for (const file of FILES) {
    const selection = headerSelection(sourceOf(file));
    const where = typeof selection === 'string' ? 'its header' : describeSelection(selection);
    it(`${file} (${where}): no error, finite value and gradients, central differences agree`, () => {
      assert.ok(typeof selection !== 'string', `${file}: ${String(selection)}`);
      const outcome = outcomes.get(file);
      assert.ok(outcome !== undefined);
      assert.deepEqual(problemsOf(outcome), [], file);
    });
  }

  for (const file of FILES.filter((name) => languageOfExtension(extname(name)) === 'math')) {
    it(`${file}: every line with a formula inspects with the cursor on it`, async () => {
      const lines = sourceOf(file).split('\n');
      const formulas = lines.flatMap((line, index) => (line.includes('$') ? [index] : []));
      assert.ok(formulas.length > 0, `${file} has no formula between $ signs`);
      for (const line of formulas) {
        const outcome = await inspect(file, {
          start: { line, column: 0 },
          end: { line, column: 0 },
        });
        assert.deepEqual(problemsOf(outcome), [], `${file}, line ${line + 1}`);
      }
    });
  }

  it('the array samples give the value and gradients of real NumPy and PyTorch', () => {
    const arrays = [...outcomes].flatMap(([file, outcome]) =>
      outcome.ok && outcome.kind === 'tensor' ? [pythonSample(file, outcome)] : [],
    );
    assert.ok(
      arrays.length >= 4,
      `array samples inspected: ${arrays.map((s) => s.name).join(', ')}`,
    );
    const runs = runInPython(arrays);
    const found = arrays.flatMap((sample, index) => {
      const outcome = outcomes.get(sample.name);
      const run = runs[index];
      assert.ok(outcome?.ok === true && outcome.kind === 'tensor' && run !== undefined);
      return differences(sample, outcome.result, run).map(
        (problem) => `${sample.name}: ${problem}`,
      );
    });
    assert.deepEqual(found, []);
  });
});
