import assert from 'node:assert/strict';
import type { FrontEnd } from '../../../src/language/frontEnd';
import { mathFrontEnd } from '../../../src/language/math';
import { gradientsAt } from '../../support/gradients';
import { evaluateAt, javascript, lowerOk, python, typescript } from './codeHelpers';
import {
  evaluateFormula,
  FORMS,
  INPUTS,
  program,
  random,
  randomFormula,
  render,
  type Formula,
} from './corpus';

const PROGRAMS_PER_LANGUAGE = 60;
const STEP = 1e-6;

function closeTo(actual: number, expected: number, tolerance: number, what: string): void {
  const scale = Math.max(1, Math.abs(actual), Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance * scale, `${what}: ${actual} ≠ ${expected}`);
}

/** ∂formula/∂input by central differences of the direct evaluation. */
function centralDifference(
  formula: Formula,
  values: Record<string, number>,
  input: string,
): number {
  const at = (delta: number): number =>
    evaluateFormula(formula, { ...values, [input]: (values[input] ?? NaN) + delta });
  return (at(STEP) - at(-STEP)) / (2 * STEP);
}

function inputsOf(formula: Formula): Set<string> {
  switch (formula.kind) {
    case 'input':
      return new Set([formula.name]);
    case 'number':
      return new Set();
    case 'unary':
      return inputsOf(formula.arg);
    case 'binary':
      return new Set([...inputsOf(formula.left), ...inputsOf(formula.right)]);
  }
}

/** A formula with an op at the top, so every form has something to compute. */
function formulaFor(seed: number): Formula {
  const next = random(seed);
  for (;;) {
    const formula = randomFormula(next, 4);
    if (formula.kind === 'unary' || formula.kind === 'binary') {
      return formula;
    }
  }
}

const LANGUAGES: [string, FrontEnd, 'python' | 'javascript', number][] = [
  ['Python', python, 'python', 1],
  ['JavaScript', javascript, 'javascript', 2],
  ['TypeScript', typescript, 'javascript', 3],
];

describe('generated corpus: code gradients against central differences and math notation', () => {
  for (const [name, frontEnd, dialect, salt] of LANGUAGES) {
    it(`${name}: ${PROGRAMS_PER_LANGUAGE} programs`, async () => {
      for (let i = 0; i < PROGRAMS_PER_LANGUAGE; i++) {
        const seed = salt * 10_000 + i;
        const formula = formulaFor(seed);
        const form = FORMS[i % FORMS.length] ?? 'expression';
        const source = program(formula, dialect, form);
        const next = random(seed + 1);
        const values = Object.fromEntries(
          INPUTS.map((input) => [input, Math.round((next() * 3 - 1.5) * 100) / 100 || 0.5]),
        );
        const what = `seed ${seed} (${form}):\n${source}\n`;

        const code = evaluateAt(await lowerOk(frontEnd, source), values);
        closeTo(code.value, evaluateFormula(formula, values), 1e-12, `${what}value`);

        const math = await lowerOk(
          mathFrontEnd,
          `f(${INPUTS.join(', ')}) = ${render(formula, 'math')}`,
        );
        const notation = gradientsAt(math.graph, values);
        for (const input of inputsOf(formula)) {
          const grad = code.grads[input] ?? NaN;
          closeTo(
            grad,
            centralDifference(formula, values, input),
            1e-5,
            `${what}∂f/∂${input} vs central difference`,
          );
          closeTo(grad, notation.grads[input] ?? NaN, 1e-9, `${what}∂f/∂${input} vs math notation`);
        }
      }
    });
  }
});
