/**
 * LaTeX as lecture notes write it (CS231n, Markdown and Jupyter pages): TeX's one-character
 * subscripts, Markdown escapes, sizing and spacing commands, labels, chains of equal forms.
 * Expected numbers come from python3 (PyTorch 1.13, float64), as quoted beside each.
 */
import assert from 'node:assert/strict';
import { inspectGraph } from '../../../src/engine/inspect';
import type { Program } from '../../../src/language/frontEnd';
import { inputNames, lowerError, lowerOk, shape as shapeOfGraph, shapeOf } from './helpers';

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

  describe('letters side by side', () => {
    it('reads ax in LaTeX as a·x, as TeX sets it, and says so', () => {
      assert.equal(shapeOf('f_a(x) = ax + \\frac{b}{2}'), '(add (mul a x) (div b 2))');
      const program = lowerOk('f_a(x) = ax + \\frac{b}{2}');
      assert.deepEqual(program.notes, [
        'line 1: `ax` is read as TeX sets it, a·x: letters side by side are a product (write \\mathrm{ax} for one name)',
      ]);
    });

    it('takes $…$ and \\(…\\) around a formula as LaTeX, whatever the formula holds', () => {
      assert.equal(shapeOf('The rule $f_a(x) = ax$ in the notes.'), '(mul a x)');
      assert.equal(shapeOf('\\( f = ax \\)'), '(mul a x)');
      assert.equal(lowerError('see $y = x_12$').kind, 'unsupported');
    });

    it('keeps function and constant names, \\mathrm{…} words and plain-math words whole', () => {
      assert.equal(
        shapeOf('\\frac{relu(x)}{2} + max(x, y) + pi'),
        shapeOf('relu(x)/2 + max(x, y) + pi'),
      );
      assert.deepEqual(inputNames(lowerOk('\\mathrm{loss} + \\frac{1}{2}').graph), ['loss']);
      assert.deepEqual(inputNames(lowerOk('loss + 1').graph), ['loss']);
    });

    it('refuses an unknown function written against its bracket rather than multiplying its letters', () => {
      const error = lowerError('\\frac{softmax(x)}{2}');
      assert.equal(error.kind, 'unknown-function');
      assert.match(error.message, /`softmax` is not a supported function/);
    });
  });

  describe('names in annotations and sums', () => {
    it('reads \\hat{y} and \\mathbf{w} in an at: line as the lexer names them', () => {
      const program = lowerOk(
        '% at: \\hat{y}=0.8, y=1, \\mathbf{w}_1=2\nL = (\\hat{y} - y)^2 + w_1',
      );
      assert.deepEqual(
        Object.fromEntries(Object.entries(program.bindings).map(([name, b]) => [name, b.value])),
        { y_hat: 0.8, y: 1, w_1: 2 },
      );
    });

    it('reads the mean squared error with \\hat{y}_i, the lists of an at: line', () => {
      const source = [
        '% at: y=[1, 2, 3], \\hat{y}=[1.5, 1.5, 2], N=3',
        'L = \\frac{1}{N}\\sum_{i=1}^{N} (y_i - \\hat{y}_i)^2',
      ].join('\n');
      // numpy: np.mean((y - yh)**2) = 0.5; ∂L/∂ŷ = -2 (y - yh) / 3 = [0.333…, -0.333…, -0.666…]
      const { value, grads } = inspectAt(source);
      close(value, 0.5, 'L');
      close(grads.y_hat_1, 1 / 3, '∂L/∂ŷ_1');
      close(grads.y_hat_3, -2 / 3, '∂L/∂ŷ_3');
    });

    it('unrolls W_{k,l} over both indices, with W_{1,2} in an at: line', () => {
      const source = [
        '% at: W_{1,1}=1, W_{1,2}=2, W_{2,1}=3, W_{2,2}=4, x_1=5, x_2=6',
        'y = \\sum_{k=1}^{2} \\sum_{l=1}^{2} W_{k,l} x_l',
      ].join('\n');
      const { value, grads, program } = inspectAt(source);
      assert.deepEqual(program.unbound, []);
      // numpy: np.array([[1, 2], [3, 4]]) @ [5, 6] summed = 17 + 39 = 56; ∂y/∂x = column sums [4, 6]
      assert.equal(value, 56);
      assert.equal(grads.x_1, 4);
      assert.equal(grads.x_2, 6);
      assert.equal(grads['W_1,2'], 6);
    });
  });

  describe('Markdown escapes', () => {
    it('reads \\_ as _: the CS231n neuron pasted from a Markdown page', () => {
      const source = 'f(w,x) = \\frac{1}{1+e^{-(w\\_0x\\_0 + w\\_1x\\_1 + w\\_2)}}';
      const { value, grads, program } = inspectAt(source, CS231N_POINT);
      assert.deepEqual(inputNames(program.graph), ['w_0', 'x_0', 'w_1', 'x_1', 'w_2']);
      close(value, 0.7310585786300049, 'f');
      close(grads.w_0, -0.19661193324148188, '∂f/∂w_0');
    });

    it('reads \\\\\\\\ (an escaped \\\\) as a line break', () => {
      const program = lowerOk('a = x^2 \\\\\\\\ f = a + 1');
      assert.equal(program.outputName, 'f');
      assert.equal(shapeOf('a = x^2 \\\\\\\\ f = a + 1'), '(add (pow x 2) 1)');
    });
  });

  describe('typesetting commands', () => {
    const SAME: ReadonlyArray<readonly [string, string]> = [
      ['\\left( x + y \\right) z', '(x + y) z'],
      ['\\left[ x + y \\right] z', '(x + y) z'],
      ['\\bigl( x + y \\bigr) z', '(x + y) z'],
      ['\\Big( x + y \\Big) z', '(x + y) z'],
      ['\\left|x\\right| + 1', 'abs(x) + 1'],
      ['a\\,b\\;c\\:d\\!e', 'a b c d e'],
      ['a \\quad b \\qquad c', 'a b c'],
      ['a\\hspace{1em}b \\hspace*{2pt} c', 'a b c'],
      ['a~b', 'a b'],
      ['a \\cdot b \\times c \\ast d', 'a * b * c * d'],
      ['\\dfrac{a}{b} + \\tfrac{c}{d}', 'a / b + c / d'],
      ['\\log x + \\ln y + \\tanh z + \\exp(w)', 'log(x) + ln(y) + tanh(z) + exp(w)'],
      ['\\max(0, x, y) + \\max(a, b)', 'max(0, x, y) + max(a, b)'],
      ['\\operatorname{ReLU}(x) + \\mathrm{relu}(y)', 'relu(x) + relu(y)'],
      ['\\text{loss} + \\textrm{b}', 'loss + b'],
    ];
    for (const [latex, plain] of SAME) {
      it(`reads ${latex} as ${plain}`, () => {
        assert.equal(shapeOf(latex), shapeOf(plain));
      });
    }

    it('drops the label of \\underbrace{…}_\\text{…} and \\overbrace{…}^{…}', () => {
      const source =
        'L = \\underbrace{(y - t)^2}_\\text{data term} + \\lambda \\overbrace{w^2}^{\\text{penalty}}';
      assert.equal(shapeOf(source), shapeOf('L = (y - t)^2 + lambda w^2'));
      // torch: 1.9; grads y 2.0, t -2.0, lambda 9.0, w 0.6000000000000001
      const { value, grads } = inspectAt(source, { y: 1.5, t: 0.5, lambda: 0.1, w: 3 });
      close(value, 1.9, 'L');
      close(grads.lambda, 9, '∂L/∂λ');
      close(grads.w, 0.6000000000000001, '∂L/∂w');
    });

    it('makes \\hat, \\bar, \\tilde and \\vec part of the name; \\mathbf and \\boldsymbol only style it', () => {
      const program = lowerOk('L = (\\hat{y} - y)^2 + \\bar{x} \\tilde{x} \\vec{v}');
      assert.deepEqual(inputNames(program.graph), ['y_hat', 'y', 'x_bar', 'x_tilde', 'v_vec']);
      assert.equal(shapeOf('\\mathbf{w} \\cdot \\boldsymbol{\\theta}'), shapeOf('w * theta'));
      // torch: (0.8 - 1)^2 = 0.03999999999999998, ∂/∂ŷ = -0.3999999999999999
      const { value, grads } = inspectAt('L = (\\hat{y} - y)^2', { y_hat: 0.8, y: 1 });
      close(value, 0.03999999999999998, 'L');
      close(grads.y_hat, -0.3999999999999999, '∂L/∂ŷ');
    });

    it('reads \\sigma(…) as the logistic sigmoid, and says so', () => {
      // torch: 0.7310585786300049, grad 0.19661193324148188
      const { value, grads } = inspectAt('\\sigma(x) = \\frac{1}{1+e^{-x}}', { x: 1 });
      close(value, 0.7310585786300049, 'σ');
      close(grads.x, 0.19661193324148188, '∂σ/∂x');
      const program = lowerOk('y = \\sigma(w x + b)');
      assert.equal(shapeOf('y = \\sigma(w x + b)'), '(sigmoid (add (mul w x) b))');
      assert.deepEqual(program.notes, [
        'line 1: `\\sigma(…)` is read as the logistic sigmoid 1/(1 + e^{-x})',
      ]);
    });

    it('reads the lines of equation environments and refuses matrices and cases', () => {
      assert.equal(shapeOf('\\begin{equation} f = x^2 \\end{equation}'), '(pow x 2)');
      assert.equal(shapeOf('\\begin{gather*} f = x^2 \\end{gather*}'), '(pow x 2)');
      const matrix = lowerError('\\begin{bmatrix} a & b \\end{bmatrix}');
      assert.equal(matrix.kind, 'unsupported');
      assert.match(matrix.message, /the environment bmatrix is not read/);
      assert.match(lowerError('f = \\begin{cases} x & x > 0 \\end{cases}').message, /cases/);
    });

    it('refuses an unknown command, naming it and its place', () => {
      const error = lowerError('f = x + \\foo y');
      assert.equal(error.kind, 'unsupported');
      assert.match(error.message, /\\foo is not supported/);
      assert.deepEqual(error.range.start, { line: 0, column: 8 });
      const function_ = lowerError('\\mathrm{softmax}(x)');
      assert.equal(function_.kind, 'unknown-function');
      assert.match(function_.message, /softmax/);
    });
  });

  describe('indicators', () => {
    it('reads the SVM loss with \\max and its gradient with \\mathbb{1}', () => {
      const point = { s_1: 3.2, s_2: 5.1, s_3: -1.7, Delta: 1 };
      // torch: L = 2.8999999999999995; grads s1 -1.0, s2 1.0, s3 0.0, Delta 1.0
      const loss = inspectAt(
        'L_i = \\max(0, s_2 - s_1 + \\Delta) + \\max(0, s_3 - s_1 + \\Delta)',
        point,
      );
      close(loss.value, 2.8999999999999995, 'L_i');
      close(loss.grads.s_1, -1, '∂L/∂s_1');
      close(loss.grads.s_3, 0, '∂L/∂s_3');
      // The analytic gradient of the notes: −Σ 1(s_j − s_1 + Δ > 0) = −1 here.
      const gradient = inspectAt(
        'g = -\\left(\\mathbb{1}(s_2 - s_1 + \\Delta > 0) + \\mathbb{1}(s_3 - s_1 + \\Delta > 0)\\right)',
        point,
      );
      close(gradient.value, -1, 'g');
      assert.ok((gradient.program.notes ?? []).some((note) => note.includes('is an indicator')));
    });

    it('reads every comparison, ties included, and the _{…} and \\{…\\} forms', () => {
      const at = (source: string, values: Record<string, number>): number =>
        inspectAt(source, values).value;
      assert.equal(at('\\mathbb{1}(x > 0)', { x: 0 }), 0);
      assert.equal(at('\\mathbb{1}(x \\geq 0)', { x: 0 }), 1);
      assert.equal(at('\\mathbb{1}(x < 2)', { x: 1 }), 1);
      assert.equal(at('\\mathbb{1}(x \\leq 1)', { x: 1.5 }), 0);
      assert.equal(at('\\mathbb{1}_{y = 2} x', { x: 3, y: 2 }), 3);
      assert.equal(at('\\mathbb{1}_{y \\neq 2} x', { x: 3, y: 2 }), 0);
      assert.equal(at('\\mathbf{1}\\{x \\ge 2\\} + y', { x: 2, y: 1 }), 2);
      const { grads } = inspectAt('\\mathbb{1}(x > 0) x^2', { x: 3 });
      close(grads.x, 6, 'the indicator passes no gradient');
    });

    it('refuses an indicator without a comparison', () => {
      const error = lowerError('\\mathbb{1}(x) + 1');
      assert.match(error.message, /comparison/);
    });
  });

  describe('chains of equal forms', () => {
    const ALIGNED = [
      '\\begin{aligned}',
      'f(x) &= (x+1)^2 \\\\',
      '     &= x^2 + 2x + 1',
      '\\end{aligned}',
    ].join('\n');

    it('inspects the first form of an aligned chain and checks the others at the point', () => {
      const { value, grads, program } = inspectAt(ALIGNED, { x: 2 });
      assert.equal(value, 9);
      assert.equal(grads.x, 6);
      assert.equal(shapeOfGraph(program.graph), '(pow (add x 1) 2)');
      assert.deepEqual(program.notes, [
        'line 2: `f` is inspected as `(x+1)^2`; its equal form `x^2 + 2x + 1` gives the same value, 9, at this point',
      ]);
    });

    it('refuses forms that disagree at the point, naming both values', () => {
      const wrong = ALIGNED.replace('2x + 1', 'x + 1');
      const error = lowerError(wrong, { values: { x: 2 } });
      assert.equal(error.kind, 'unsupported');
      assert.match(error.message, /`\(x\+1\)\^2` is 9, `x\^2 \+ x \+ 1` is 7/);
      assert.deepEqual(error.range.start, { line: 2, column: 8 });
    });

    it('says when the forms are not checked yet for want of values', () => {
      const program = lowerOk(ALIGNED);
      assert.match(program.notes?.[0] ?? '', /is not checked: no value for x$/);
    });

    it('notes a form it cannot read instead of refusing the formula', () => {
      const program = lowerOk('f = x^2 = \\|w\\|^2', { values: { x: 1 } });
      assert.ok(
        (program.notes?.[0] ?? '').includes('is not read (the length of the list `w` is not known'),
        program.notes?.[0],
      );
    });

    it('bounds the checking of long chains, and names at most five forms', () => {
      const arrows = lowerOk(`f = x${' \\to x'.repeat(2000)}`, { values: { x: 1 } });
      assert.match(
        arrows.notes?.[0] ?? '',
        /`x`, `x`, `x`, `x`, `x` and 1995 more give the same value, 1, at this point$/,
      );
      const lines = Array.from({ length: 400 }, (_, k) => `a_{${k}} = x + ${k} = ${k} + x`);
      const program = lowerOk(lines.join('\n'), { values: { x: 1 } });
      assert.match(program.notes?.[0] ?? '', /gives the same value, 1, at this point/);
      assert.match(program.notes?.[399] ?? '', /too long to check them/);
    });

    it("passes over the derivative after \\rightarrow in CS231n's table of derivatives", () => {
      const source = [
        '$$',
        'f(x) = \\frac{1}{x} \\hspace{1in} \\rightarrow \\hspace{1in} \\frac{df}{dx} = -1/x^2 ',
        '\\\\\\\\',
        'f_a(x) = ax \\hspace{1in} \\rightarrow \\hspace{1in} \\frac{df}{dx} = a',
        '$$',
      ].join('\n');
      const line = { start: { line: 1, column: 0 }, end: { line: 1, column: 90 } };
      const program = lowerOk(source, { selection: line, values: { x: 2 } });
      assert.equal(shapeOfGraph(program.graph), '(div 1 x)');
      assert.deepEqual(program.notes, [
        'line 2: `\\frac{df}{dx} = -1/x^2` after `\\rightarrow` is another equation: not read',
      ]);
      const whole = lowerOk(source, { values: { x: 2, a: 3 } });
      assert.equal(whole.outputName, 'f_a');
      assert.equal(shapeOfGraph(whole.graph), '(mul a x)');
    });

    it('reads \\rightarrow, \\to and plain = chains as equal forms; an arrow before a head starts a statement', () => {
      // torch: sigmoid(0.5) = 0.6224593312018546
      const arrow = inspectAt('f(x) = \\sigma(x) \\rightarrow \\frac{1}{1+e^{-x}}', { x: 0.5 });
      close(arrow.value, 0.6224593312018546, 'f');
      assert.equal(lowerError('f = x^2 \\to x^3', { values: { x: 2 } }).kind, 'unsupported');
      assert.equal(lowerOk('f = 2x = x + x', { values: { x: 2 } }).notes?.length, 1);
      assert.equal(shapeOf('y = x^2 \\Rightarrow g = 2y'), '(mul 2 (pow x 2))');
    });
  });

  describe('sums over the elements given', () => {
    it('reads the CS231n SVM loss: \\sum_{j\\neq y_i} with s_{y_i} chosen by y_i', () => {
      const source = [
        '% at: s=[3.2, 5.1, -1.7], y_i=1, \\Delta=1',
        'L_i = \\sum_{j\\neq y_i} \\max(0, s_j - s_{y_i} + \\Delta)',
      ].join('\n');
      // torch: 2.8999999999999995; grads s [-1.0, 1.0, 0.0], Delta 1.0
      const { value, grads, program } = inspectAt(source);
      close(value, 2.8999999999999995, 'L_i');
      close(grads.s_1, -1, '∂L/∂s_1');
      close(grads.s_2, 1, '∂L/∂s_2');
      close(grads.s_3, 0, '∂L/∂s_3');
      close(grads.Delta, 1, '∂L/∂Δ');
      assert.deepEqual(program.notes, [
        'line 2: `\\sum_{j\\neq y_i}` runs over the elements given: j = 2, 3 (j = 1 left out)',
        'line 2: `s_{y_i}` is s_1, the element that y_i = 1 picks',
      ]);
    });

    it('reads the CS231n softmax loss: \\sum_j over the elements of f, f_{y_i} chosen by y_i', () => {
      const source = [
        '% at: f=[-2.85, 0.86, 0.28], y_i=3',
        'L_i = -\\log\\left(\\frac{e^{f_{y_i}}}{ \\sum_j e^{f_j} }\\right)',
      ].join('\n');
      // torch: 1.0401905694301081; grads [0.015449315676073602, 0.6311633536047088, -0.6466126692807823]
      const { value, grads } = inspectAt(source);
      close(value, 1.0401905694301081, 'L_i');
      close(grads.f_1, 0.015449315676073602, '∂L/∂f_1');
      close(grads.f_2, 0.6311633536047088, '∂L/∂f_2');
      close(grads.f_3, -0.6466126692807823, '∂L/∂f_3');
    });

    it('names what is missing: the elements, the value that picks, matching lists', () => {
      const noElements = lowerError('L = \\sum_j e^{f_j}');
      assert.equal(noElements.kind, 'unknown-name');
      assert.match(noElements.message, /elements of `f`, and none is given/);
      const noPick = lowerError('L = s_{y_i} + 1', { values: { s_1: 1 } });
      assert.equal(noPick.kind, 'unknown-name');
      assert.match(noPick.message, /the element of s that y_i picks, and y_i is not known/);
      const mismatched = lowerError('L = \\sum_j a_j b_j', {
        values: { a_1: 1, a_2: 2, b_1: 3 },
      });
      assert.match(mismatched.message, /`b` has b_1 and `a` has a_1, a_2: write the bounds/);
      const nested = lowerError('L = f_{y_i + 1}');
      assert.match(nested.message, /a subscript that is itself subscripted/);
    });
  });
});
