import assert from 'node:assert/strict';
import { inputNames, lowerOk, shapeOf, textAt } from './helpers';

/** Each LaTeX form gives the same graph as its plain form. */
const SAME_AS_PLAIN: ReadonlyArray<readonly [string, string]> = [
  ['\\frac{a}{b}', 'a / b'],
  ['\\dfrac{x + 1}{2}', '(x + 1) / 2'],
  ['\\frac{1}{1 + e^{-x}}', '1 / (1 + exp(-x))'],
  ['\\frac1x', '1 / x'],
  ['\\sqrt{x}', 'sqrt(x)'],
  ['\\sqrt x', 'sqrt(x)'],
  ['\\sqrt{x + 1}', 'sqrt(x + 1)'],
  ['a \\cdot b', 'a * b'],
  ['a \\times b', 'a * b'],
  ['a \\div b', 'a / b'],
  ['e^{x}', 'exp(x)'],
  ['\\exp(x)', 'exp(x)'],
  ['\\mathrm{e}^{x}', 'exp(x)'],
  ['x^{2}', 'x^2'],
  ['x^{2} y', 'x^2 y'],
  ['\\ln x', 'ln(x)'],
  ['\\log x', 'log(x)'],
  ['\\exp x', 'exp(x)'],
  ['\\sin x', 'sin(x)'],
  ['\\sin(x)', 'sin(x)'],
  ['\\sin{x}', 'sin(x)'],
  ['\\sin 2x', 'sin(2x)'],
  ['\\sin x \\cos x', 'sin(x) cos(x)'],
  ['\\sin^2 x', 'sin(x)^2'],
  ['\\sin^{2}(x)', 'sin(x)^2'],
  ['\\arctan x', 'atan(x)'],
  ['\\tanh(x)', 'tanh(x)'],
  ['\\max(0, x)', 'max(0, x)'],
  ['\\log_2 x', 'log2(x)'],
  ['\\log_{10}(x)', 'log10(x)'],
  ['\\left( x + y \\right) z', '(x + y) z'],
  ['\\left[ x + y \\right] z', '[x + y] z'],
  ['\\left\\{ x + y \\right\\} z', '(x + y) z'],
  ['\\left| x \\right|', 'abs(x)'],
  ['\\lvert x \\rvert', 'abs(x)'],
  ['\\sigma(x)', 'sigmoid(x)'],
  ['\\sigma\\left(x\\right)', 'sigmoid(x)'],
  ['\\mathrm{relu}(x)', 'relu(x)'],
  ['\\operatorname{relu}(x)', 'relu(x)'],
  ['\\operatorname{softplus}(x)', 'softplus(x)'],
  ['$x^2$', 'x^2'],
  ['$$x^2$$', 'x^2'],
  ['\\[ x^2 \\]', 'x^2'],
  ['\\( x^2 \\)', 'x^2'],
  ['a\\,b', 'a b'],
  ['a \\; b \\! c \\quad d', 'a b c d'],
  ['2\\pi r', '2 pi r'],
  ['\\displaystyle \\frac{a}{b}', 'a/b'],
];

describe('math front end: LaTeX', () => {
  it('gives the same graph as the plain form', () => {
    for (const [latex, plain] of SAME_AS_PLAIN) {
      assert.equal(shapeOf(latex), shapeOf(plain), `${latex} vs ${plain}`);
    }
  });

  it('reads \\sqrt[n]{x} as x^(1/n)', () => {
    assert.equal(shapeOf('\\sqrt[3]{x}'), '(pow x 0.333333333333)');
    assert.equal(shapeOf('\\sqrt[n]{x}'), '(pow x (div 1 n))');
    const source = '\\sqrt[3]{x}';
    const exponent = lowerOk(source).graph.nodes[1];
    assert.equal(exponent?.kind === 'constant' ? exponent.text : undefined, '1/3');
    assert.equal(textAt(source, exponent?.range), '3');
  });

  it('reads the reference example in LaTeX, ranges in the original text', () => {
    const source = '$$f(x, y, z) = \\left(x + y\\right) z$$';
    const program = lowerOk(source);
    assert.equal(shapeOf(source), '(mul (add x y) z)');
    assert.deepEqual(inputNames(program.graph), ['x', 'y', 'z']);
    assert.deepEqual(
      program.graph.nodes.map((node) => textAt(source, node.range)),
      ['x', 'y', 'z', 'x + y', '\\left(x + y\\right) z'],
    );
    assert.equal(program.outputName, 'f');
  });

  it('keeps LaTeX names as written, without braces or backslashes', () => {
    assert.deepEqual(inputNames(lowerOk('x_{1} + x_1 + w_0 + \\theta_{12}').graph), [
      'x_1',
      'w_0',
      'theta_12',
    ]);
    assert.deepEqual(inputNames(lowerOk('\\alpha x + \\beta').graph), ['alpha', 'x', 'beta']);
    assert.deepEqual(inputNames(lowerOk('(y - \\hat{y})^2 + \\bar x').graph), [
      'y',
      'y_hat',
      'x_bar',
    ]);
    assert.deepEqual(inputNames(lowerOk('x_{\\text{max}} + \\mathrm{loss}').graph), [
      'x_max',
      'loss',
    ]);
    assert.deepEqual(inputNames(lowerOk('\\sigma x').graph), ['sigma', 'x']);
  });

  it('ranges a LaTeX name over everything that spells it', () => {
    const source = '\\alpha_{1} \\cdot x';
    const program = lowerOk(source);
    assert.equal(textAt(source, program.graph.nodes[0]?.range), '\\alpha_{1}');
    assert.equal(textAt(source, program.graph.nodes[2]?.range), source);
  });

  it('reads f(x) = … with \\operatorname and \\mathrm heads', () => {
    const program = lowerOk('\\operatorname{swish}(x) = x \\sigma(x)');
    assert.equal(program.outputName, 'swish');
    assert.equal(shapeOf('\\operatorname{swish}(x) = x \\sigma(x)'), '(mul x (sigmoid x))');
    assert.equal(lowerOk('\\mathrm{f}(x) = x^2').outputName, 'f');
  });

  it('reads an aligned block as straight-line assignments', () => {
    const source = '\\begin{aligned}\n  q &= x + y \\\\\n  f &= q z\n\\end{aligned}';
    const program = lowerOk(source);
    assert.equal(shapeOf(source), '(mul (add x y) z)');
    assert.deepEqual(
      program.graph.nodes.map((node) => node.name),
      ['x', 'y', 'q', 'z', 'f'],
    );
  });

  it('treats line breaks inside display math as spaces', () => {
    const source = '$$\nL = \\frac{1}{2}\n  (y - t)^2\n$$';
    assert.equal(shapeOf(source), '(mul (div 1 2) (pow (sub y t) 2))');
  });

  it('reads only the math of a Markdown line, as separate statements', () => {
    const source = 'Let $q = x + y$ and then $f = q z$, done.';
    const program = lowerOk(source);
    assert.equal(shapeOf(source), '(mul (add x y) z)');
    assert.equal(program.outputName, 'f');
    assert.equal(textAt(source, program.graph.nodes[2]?.range), 'x + y');
  });

  it('reads a selection that starts inside \\[ … \\]', () => {
    assert.equal(shapeOf('x^2 + 1 \\] and more prose'), '(add (pow x 2) 1)');
  });

  it('ignores LaTeX comments and labels', () => {
    assert.equal(shapeOf('x^2 % the square\n\\label{eq:sq}'), '(pow x 2)');
  });
});
