/**
 * The bad-input catalogue (catalogue/*.ts) through the pipeline every surface uses. Besides
 * what each entry expects, every entry must: answer rather than throw, point inside the
 * document, say what is wrong in a short plain message (no stack trace, no invisible
 * characters copied from the document), and finish within one second, cold code included.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, type InspectOutcome } from '../../src/core/inspectSource';
import type { LanguageId } from '../../src/language/frontEnd';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { warmUp } from './warmUp';
import { JAVASCRIPT } from './catalogue/javascript';
import { LATEX } from './catalogue/latex';
import { MATH } from './catalogue/math';
import { PYTHON } from './catalogue/python';
import { TYPESCRIPT } from './catalogue/typescript';
import type { BadInput, Reading, Refusal } from './catalogue/types';
import { DocumentText } from './documentText';

const CATALOGUES: readonly (readonly [string, LanguageId, readonly BadInput[]])[] = [
  ['math notation', 'math', MATH],
  ['LaTeX', 'math', LATEX],
  ['Python', 'python', PYTHON],
  ['JavaScript', 'javascript', JAVASCRIPT],
  ['TypeScript', 'typescript', TYPESCRIPT],
];

const MIN_ENTRIES = 40;
/** Each entry's budget, cold code included: the test's own timeout. */
const ENTRY_MS = 1000;
/** A message is read in a notification: a few lines at most. */
const MAX_MESSAGE_LENGTH = 700;
const STACK_TRACE = /\n\s*at |\s{4}at \S+ \(|\.ts:\d+:\d+|Error:/;
/** What must never be copied into a message: controls, bidi and other format characters. */
const INVISIBLE = /(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}]/u;

const frontEnds = createFrontEnds(wasmFromNodeModules);

describe('bad-input catalogue', () => {
  before(async function () {
    // Loading and compiling the parsers happens once per process, not per entry.
    this.timeout(60_000);
    await warmUp(frontEnds);
  });

  for (const [name, language, entries] of CATALOGUES) {
    describe(`${name}: ${entries.length} entries`, () => {
      it(`has at least ${MIN_ENTRIES} entries, each titled once`, () => {
        assert.ok(entries.length >= MIN_ENTRIES, `${entries.length} entries`);
        const titles = entries.map((bad) => bad.title);
        assert.deepEqual(
          titles.filter((title, i) => titles.indexOf(title) !== i),
          [],
        );
      });

      for (const bad of entries) {
        it(bad.title, async function () {
          this.timeout(ENTRY_MS);
          const source = typeof bad.source === 'string' ? bad.source : bad.source();
          let outcome: InspectOutcome;
          try {
            outcome = await inspectSource(frontEnds, {
              source,
              language,
              ...(bad.values === undefined ? {} : { values: bad.values }),
            });
          } catch (error) {
            assert.fail(`threw instead of answering: ${String(error)}`);
          }
          const document = new DocumentText(source);
          if (bad.expect.refused !== undefined) {
            assertRefused(outcome, bad.expect.refused, document);
          } else {
            assertReads(outcome, bad.expect.reads, document);
          }
        });
      }
    });
  }
});

function assertRefused(outcome: InspectOutcome, want: Refusal, document: DocumentText): void {
  if (outcome.ok) {
    assert.fail(
      `expected ${want.kind}, read value ${outcome.result.value}, grads ${JSON.stringify(outcome.result.grads)}`,
    );
  }
  const { kind, message, range } = outcome.error;
  assert.equal(kind, want.kind, message);
  assert.match(message, want.says);
  assert.ok(message.length <= MAX_MESSAGE_LENGTH, `a message of ${message.length} characters`);
  assert.doesNotMatch(message, STACK_TRACE, 'a stack trace in the message');
  assert.doesNotMatch(message, INVISIBLE, 'an invisible character in the message');
  const problem = document.problemWith(range);
  assert.equal(problem, undefined, problem);
  if (want.covers !== undefined && range !== undefined) {
    assert.equal(document.textAt(range), want.covers, 'the text the error points at');
  }
}

function assertReads(outcome: InspectOutcome, want: Reading, document: DocumentText): void {
  if (!outcome.ok) {
    assert.fail(`expected a reading, got ${outcome.error.kind}: ${outcome.error.message}`);
  }
  if (outcome.kind === 'tensor') {
    assert.fail('expected a scalar reading, got a tensor one');
  }
  const { result, program } = outcome;
  assertClose(result.value, want.value, 'value');
  assert.deepEqual(Object.keys(result.grads).sort(), Object.keys(want.grads).sort(), 'inputs');
  for (const [input, grad] of Object.entries(want.grads)) {
    assertClose(result.grads[input] ?? NaN, grad, `∂f/∂${input}`);
  }
  for (const node of program.graph.nodes) {
    const problem = node.range === undefined ? undefined : document.problemWith(node.range);
    assert.equal(problem, undefined, `node ${node.id}: ${problem}`);
  }
  for (const reference of program.references) {
    const problem = document.problemWith(reference.range);
    assert.equal(problem, undefined, `reference to ${reference.name}: ${problem}`);
  }
}

function assertClose(actual: number, expected: number, what: string): void {
  if (!Number.isFinite(expected)) {
    assert.ok(Object.is(actual, expected), `${what}: ${actual}, expected ${expected}`);
    return;
  }
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= 1e-9 * scale,
    `${what}: ${actual}, expected ${expected}`,
  );
}
