import assert from 'node:assert/strict';
import {
  add,
  call,
  div,
  mul,
  neg,
  num,
  pow,
  sub,
  variable,
  type Sym,
} from '../../../src/engine/sym';
import { toLatex, toText } from '../../../src/engine/symbolic/print';

const [x, y, z, w, b] = ['x', 'y', 'z', 'w', 'b'].map(variable) as [Sym, Sym, Sym, Sym, Sym];

describe('symbolic printing', () => {
  describe('plain text', () => {
    it('uses only the parentheses precedence needs', () => {
      assert.equal(toText(mul(add(x, y), z)), '(x + y)·z');
      assert.equal(toText(add(mul(x, y), z)), 'x·y + z');
      assert.equal(toText(add(x, mul(y, z))), 'x + y·z');
      assert.equal(toText(sub(add(x, y), z)), 'x + y − z');
      assert.equal(toText(sub(x, add(y, z))), 'x − (y + z)');
      assert.equal(toText(sub(x, sub(y, z))), 'x − (y − z)');
      assert.equal(toText(div(mul(x, y), z)), 'x·y/z');
      assert.equal(toText(div(x, mul(y, z))), 'x/(y·z)');
      assert.equal(toText(mul(x, div(y, z))), 'x·(y/z)');
    });

    it('prints the sigmoid chain rule readably', () => {
      const s = call('sigmoid', add(mul(w, x), b));
      assert.equal(toText(mul(mul(x, s), sub(num(1), s))), 'x·σ(w·x + b)·(1 − σ(w·x + b))');
    });

    it('tells −(x·y) from −x·y and writes minus as U+2212', () => {
      assert.equal(toText(neg(mul(x, y))), '−(x·y)');
      assert.equal(toText(mul(neg(x), y)), '−x·y');
      assert.equal(toText(neg(add(x, y))), '−(x + y)');
      assert.equal(toText(neg(neg(x))), '−(−x)');
      assert.equal(toText(neg(pow(x, num(2)))), '−x^2');
      assert.equal(toText(sub(x, neg(y))), 'x − (−y)');
      assert.equal(toText(add(x, neg(y))), 'x + (−y)');
      assert.equal(toText(mul(x, num(-2))), 'x·(−2)');
      assert.equal(toText(mul(num(-2), x)), '−2·x');
    });

    it('prints powers with right associativity', () => {
      assert.equal(toText(pow(x, num(2))), 'x^2');
      assert.equal(toText(pow(num(2), add(x, num(1)))), '2^(x + 1)');
      assert.equal(toText(pow(pow(x, num(2)), num(3))), '(x^2)^3');
      assert.equal(toText(pow(x, pow(y, z))), 'x^y^z');
      assert.equal(toText(pow(neg(x), num(2))), '(−x)^2');
      assert.equal(toText(pow(num(-2), x)), '(−2)^x');
      assert.equal(toText(pow(x, num(-1))), 'x^(−1)');
      assert.equal(toText(pow(mul(x, y), num(2))), '(x·y)^2');
      assert.equal(toText(mul(num(2), pow(x, num(2)))), '2·x^2');
    });

    it('prints functions, including n-ary ones', () => {
      assert.equal(toText(call('exp', x)), 'exp(x)');
      assert.equal(toText(call('exp', add(x, y))), 'exp(x + y)');
      assert.equal(toText(call('max', x, y, z)), 'max(x, y, z)');
      assert.equal(toText(pow(call('tanh', x), num(2))), 'tanh(x)^2');
    });

    it('prints numbers with up to 12 significant digits', () => {
      assert.equal(toText(num(0.5)), '0.5');
      assert.equal(toText(num(1e-7)), '1e-7');
      assert.equal(toText(num(3)), '3');
      assert.equal(toText(num(-2.5)), '−2.5');
      assert.equal(toText(num(1 / 3)), '0.333333333333');
      assert.equal(toText(num(0.1 + 0.2)), '0.3');
      assert.equal(toText(num(Infinity)), '∞');
      assert.equal(toText(num(NaN)), 'NaN');
    });

    it('names π and e, whichever library spelled them', () => {
      assert.equal(toText(call('sqrt', div(num(2), num(Math.PI)))), 'sqrt(2/π)');
      assert.equal(toText(mul(num(-Math.PI), x)), '−π·x');
      assert.equal(toText(pow(num(Math.E), x)), 'e^x');
      assert.equal(toLatex(div(num(Math.PI), num(2))), '\\frac{\\pi}{2}');
      assert.equal(toText(num(2 * Math.PI)), '6.28318530718');
    });
  });

  describe('LaTeX', () => {
    it('uses \\frac, \\cdot, braces for exponents and \\left( \\right)', () => {
      assert.equal(toLatex(div(x, y)), '\\frac{x}{y}');
      assert.equal(toLatex(mul(add(x, y), z)), '\\left(x + y\\right) \\cdot z');
      assert.equal(toLatex(pow(x, num(2))), 'x^{2}');
      assert.equal(toLatex(pow(num(2), add(x, num(1)))), '2^{x + 1}');
      assert.equal(toLatex(pow(div(x, y), num(2))), '\\left(\\frac{x}{y}\\right)^{2}');
      assert.equal(toLatex(pow(pow(x, num(2)), num(3))), '\\left(x^{2}\\right)^{3}');
      assert.equal(toLatex(sub(x, num(1))), 'x - 1');
      assert.equal(toLatex(neg(add(x, y))), '-\\left(x + y\\right)');
    });

    it('pulls a leading minus in front of a fraction', () => {
      assert.equal(toLatex(div(neg(x), pow(y, num(2)))), '-\\frac{x}{y^{2}}');
      assert.equal(toLatex(div(num(-1), x)), '-\\frac{1}{x}');
      assert.equal(toLatex(mul(z, div(neg(x), y))), 'z \\cdot \\left(-\\frac{x}{y}\\right)');
    });

    it('writes functions with their LaTeX names', () => {
      assert.equal(toLatex(call('sqrt', x)), '\\sqrt{x}');
      assert.equal(toLatex(call('sigmoid', x)), '\\sigma\\left(x\\right)');
      assert.match(toLatex(call('exp', x)), /^(\\exp\\left\(x\\right\)|e\^\{x\})$/);
      assert.equal(toLatex(call('abs', x)), '\\left|x\\right|');
      assert.match(toLatex(call('max', x, y, z)), /\\left\(x, y, z\\right\)$/);
    });

    it('writes names with subscripts and Greek letters', () => {
      const name = (n: string): string => toLatex(variable(n));
      assert.equal(name('w0'), 'w_{0}');
      assert.equal(name('x_1'), 'x_{1}');
      assert.equal(name('alpha'), '\\alpha');
      assert.equal(name('alpha2'), '\\alpha_{2}');
      assert.equal(name('θ'), '\\theta');
      assert.equal(name('q₂'), 'q_{2}');
      assert.equal(name('lr'), '\\mathit{lr}');
      assert.equal(name('x_max'), 'x_{\\mathrm{max}}');
      assert.equal(name('#5'), '\\mathit{\\#5}');
    });

    it('writes numbers in LaTeX notation', () => {
      assert.equal(toLatex(num(-3)), '-3');
      assert.equal(toLatex(num(1e-7)), '10^{-7}');
      assert.equal(toLatex(num(2.5e-7)), '2.5 \\times 10^{-7}');
      assert.equal(toLatex(mul(x, num(-2))), 'x \\cdot \\left(-2\\right)');
      assert.equal(toLatex(num(-Infinity)), '-\\infty');
    });
  });

  it('elides formulas too deep to print instead of overflowing the stack', () => {
    let deep: Sym = x;
    for (let i = 0; i < 100_000; i += 1) {
      deep = call('exp', deep);
    }
    assert.equal(toText(deep), '…');
    assert.equal(toLatex(deep), '…');
  });

  it('elides formulas whose shared subexpressions would print exponentially long', () => {
    let shared: Sym = x;
    for (let i = 0; i < 60; i += 1) {
      shared = mul(shared, shared);
    }
    assert.equal(toText(shared), '…');
  });

  it("prints relu's derivative as the unit step it is, not as the ops that compute it", () => {
    const step = call('relu', call('sign', mul(w, x)));
    assert.equal(toText(mul(num(3), step)), '3·1[w·x > 0]');
    assert.equal(toLatex(step), '\\mathbf{1}[w \\cdot x > 0]');
    // relu of anything else stays relu.
    assert.equal(toText(call('relu', call('abs', x))), 'relu(abs(x))');
  });
});
