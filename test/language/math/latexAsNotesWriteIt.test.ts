/**
 * LaTeX as lecture notes write it (CS231n, Markdown and Jupyter pages): TeX's one-character
 * subscripts, Markdown escapes, sizing and spacing commands, labels, chains of equal forms.
 * Expected numbers come from python3 (PyTorch 1.13, float64), as quoted beside each.
 */
import assert from 'node:assert/strict';
import { inspectGraph } from '../../../src/engine/inspect';
import type { Program } from '../../../src/language/frontEnd';
import { inputNames, lowerError, lowerOk, shapeOf } from './helpers';

/** Value and gradients at `values`, with the values the annotations give. */
function inspectAt(
  source: string,
  values: Readonly<Record<string, number>> = {},
): { value: number; grads: Readonly<Record<string, number>>; program: Program } {
  const program = lowerOk(source, { values });
  const given: Record<string, number> = { ...values };
  for (const [name, binding] of Object.entries(program.bindings)) {
    given[name] ??= binding.value;
  }
  assert.deepEqual(
    program.unbound.filter((name) => given[name] === undefined),
    [],
    'every input has a value',
  );
  const result = inspectGraph(program.graph, given, { steps: false });
  return { value: result.value, grads: result.grads, program };
}

function close(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined, `${what} is missing`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

const CS231N_SIGMOID = 'f(w,x) = \\frac{1}{1+e^{-(w_0x_0 + w_1x_1 + w_2)}}';
const CS231N_POINT = { w_0: 2, x_0: -1, w_1: -3, x_1: -2, w_2: -3 };

describe('math front end: LaTeX as notes write it', () => {
  describe('TeX subscripts', () => {
    it('reads the CS231n sigmoid neuron: w_0x_0 is w_0·x_0, and w, x are given by their elements', () => {
      // torch: f = 0.7310585786300049, grads w0 -0.19661193324148188, x0 0.39322386648296376,
      // w1 -0.39322386648296376, x1 -0.5898357997244457, w2 0.19661193324148188
      const { value, grads, program } = inspectAt(CS231N_SIGMOID, CS231N_POINT);
      assert.deepEqual(inputNames(program.graph), ['w_0', 'x_0', 'w_1', 'x_1', 'w_2']);
      close(value, 0.7310585786300049, 'f');
      close(grads.w_0, -0.19661193324148188, '∂f/∂w_0');
      close(grads.x_0, 0.39322386648296376, '∂f/∂x_0');
      close(grads.w_1, -0.39322386648296376, '∂f/∂w_1');
      close(grads.x_1, -0.5898357997244457, '∂f/∂x_1');
      close(grads.w_2, 0.19661193324148188, '∂f/∂w_2');
      const notes = program.notes ?? [];
      assert.ok(notes.some((note) => note.includes('`w_0x_0` is read as TeX sets it')));
      assert.ok(notes.some((note) => note.includes('parameter `w` of `f`')));
    });

    it('takes the values of the elements from a % at: line', () => {
      const source = `% at: w_0=2, x_0=-1, w_1=-3, x_1=-2, w_2=-3\n${CS231N_SIGMOID}`;
      const { value, grads } = inspectAt(source);
      close(value, 0.7310585786300049, 'f');
      close(grads.w_0, -0.19661193324148188, '∂f/∂w_0');
    });

    it('still asks for a parameter that is used by itself', () => {
      const program = lowerOk('f(w, x) = w x_1 + x_2');
      assert.deepEqual(program.unbound, ['w', 'x_1', 'x_2']);
    });

    it('reads braced subscripts as one name: x_{i0}, W_{k,l}', () => {
      assert.equal(shapeOf('x_{i0} + 1'), '(add x_i0 1)');
      assert.equal(shapeOf('W_{k,l} \\cdot 2'), '(mul W_k,l 2)');
      assert.equal(shapeOf('w_ix_i + \\theta_j'), '(add (mul w_i x_i) theta_j)');
    });

    it('refuses a subscript TeX would cut where the eye reads one name', () => {
      const digits = lowerError('y = x_12 + \\frac{1}{2}');
      assert.equal(digits.kind, 'unsupported');
      assert.match(digits.message, /x_12.*TeX's subscript takes one character.*x_\{12\}/);
      const word = lowerError('\\frac{x_max}{2}');
      assert.match(word.message, /x_max.*x_m followed by ax.*x_\{max\}/);
    });

    it('keeps plain-math subscripts whole, but ends digits before a letter', () => {
      assert.equal(shapeOf('x_12 + x_max'), '(add x_12 x_max)');
      assert.equal(shapeOf('w_0x + 1'), '(add (mul w_0 x) 1)');
    });
  });
});
