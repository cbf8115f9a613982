import assert from 'node:assert/strict';
import type { ConstantNode, GraphNode } from '../../../src/engine/ir';
import { inputNames, lowerOk, ops, shapeOf, textAt, valueOf } from './helpers';

const E = String(Number(Math.E.toPrecision(12)));
const PI = String(Number(Math.PI.toPrecision(12)));

function assertShapes(cases: ReadonlyArray<readonly [string, string]>): void {
  for (const [source, expected] of cases) {
    assert.equal(shapeOf(source), expected, source);
  }
}

describe('math front end: grammar', () => {
  it('reads implicit multiplication', () => {
    assertShapes([
      ['2x', '(mul 2 x)'],
      ['(x + y)z', '(mul (add x y) z)'],
      ['x y', '(mul x y)'],
      ['2 sin(x)', '(mul 2 (sin x))'],
      ['3 sin x', '(mul 3 (sin x))'],
      ['2(x+1)', '(mul 2 (add x 1))'],
      ['x(y+1)', '(mul x (add y 1))'],
      ['(x+1)(x-1)', '(mul (add x 1) (sub x 1))'],
      ['[x+1]z', '(mul (add x 1) z)'],
      ['2x^2', '(mul 2 (pow x 2))'],
      ['x^2 y', '(mul (pow x 2) y)'],
      ['x_1(1 - x_1)', '(mul x_1 (sub 1 x_1))'],
      ['2πr', `(mul (mul 2 ${PI}) r)`],
      ['2 e', `(mul 2 ${E})`],
      ['sin x cos x', '(mul (sin x) (cos x))'],
      ['sin 2x + 1', '(add (sin (mul 2 x)) 1)'],
      ['2√x', '(mul 2 (sqrt x))'],
      ['|x| |y|', '(mul (abs x) (abs y))'],
    ]);
  });

  it('takes a run of letters as one name (xy is not x·y)', () => {
    assert.deepEqual(inputNames(lowerOk('xy + x').graph), ['xy', 'x']);
  });

  it('follows the usual precedence and associativity', () => {
    assertShapes([
      ['-x^2', '(neg (pow x 2))'],
      ['-2^2', '(neg (pow 2 2))'],
      ['2^3^2', '(pow 2 (pow 3 2))'],
      ['x**2**3', '(pow x (pow 2 3))'],
      ['2^-x', '(pow 2 (neg x))'],
      ['x^-2', '(pow x -2)'],
      ['a - b - c', '(sub (sub a b) c)'],
      ['a / b * c', '(mul (div a b) c)'],
      ['a + b * c', '(add a (mul b c))'],
      ['1/2x', '(mul (div 1 2) x)'],
      ['-2x', '(mul -2 x)'],
      ['-x y', '(mul (neg x) y)'],
      ['x - -y', '(sub x (neg y))'],
      ['+x', 'x'],
      ['a * -b', '(mul a (neg b))'],
      ['x²y', '(mul (pow x 2) y)'],
      ['(x + y)^2', '(pow (add x y) 2)'],
    ]);
    assert.equal(valueOf('-x^2', { x: 3 }), -9);
    assert.equal(valueOf('2^3^2', {}), 512);
  });

  it('reads numbers in every usual form, and 1e999 as Infinity', () => {
    const cases: ReadonlyArray<readonly [string, number]> = [
      ['3', 3],
      ['3.', 3],
      ['.5', 0.5],
      ['1e-3', 0.001],
      ['1E+3', 1000],
      ['2.5e2', 250],
      ['1e999', Infinity],
    ];
    for (const [source, value] of cases) {
      const node = lowerOk(source).graph.nodes[0] as ConstantNode;
      assert.equal(node.kind, 'constant');
      assert.equal(node.value, value, source);
      assert.equal(node.text, source);
    }
  });

  it('knows pi, π and e unless they are assigned or parameters', () => {
    assertShapes([
      ['pi r^2', `(mul ${PI} (pow r 2))`],
      ['π', PI],
      ['e', E],
      ['e^x', '(exp x)'],
      ['e^(x + 1)', '(exp (add x 1))'],
      ['e²', '(exp 2)'],
      ['f(e) = e^2', '(pow e 2)'],
      ['e = 2\nf = e x', '(mul 2 x)'],
    ]);
    const constant = lowerOk('2 pi').graph.nodes[1] as ConstantNode;
    assert.equal(constant.text, 'pi');
  });

  it('maps every function name onto its engine op', () => {
    const unary: ReadonlyArray<readonly [string, string]> = [
      ['exp', 'exp'],
      ['ln', 'log'],
      ['log', 'log'],
      ['log2', 'log2'],
      ['log10', 'log10'],
      ['log1p', 'log1p'],
      ['expm1', 'expm1'],
      ['sqrt', 'sqrt'],
      ['cbrt', 'cbrt'],
      ['abs', 'abs'],
      ['sin', 'sin'],
      ['cos', 'cos'],
      ['tan', 'tan'],
      ['asin', 'asin'],
      ['arcsin', 'asin'],
      ['acos', 'acos'],
      ['arccos', 'acos'],
      ['atan', 'atan'],
      ['arctan', 'atan'],
      ['sinh', 'sinh'],
      ['cosh', 'cosh'],
      ['tanh', 'tanh'],
      ['asinh', 'asinh'],
      ['arsinh', 'asinh'],
      ['acosh', 'acosh'],
      ['atanh', 'atanh'],
      ['sigmoid', 'sigmoid'],
      ['σ', 'sigmoid'],
      ['relu', 'relu'],
      ['leaky_relu', 'leaky_relu'],
      ['elu', 'elu'],
      ['softplus', 'softplus'],
      ['gelu', 'gelu'],
      ['erf', 'erf'],
      ['floor', 'floor'],
      ['ceil', 'ceil'],
      ['round', 'round'],
      ['trunc', 'trunc'],
      ['sign', 'sign'],
      ['sgn', 'sign'],
    ];
    for (const [name, op] of unary) {
      assert.equal(shapeOf(`${name}(x)`), `(${op} x)`, name);
    }
    assertShapes([
      ['atan2(y, x)', '(atan2 y x)'],
      ['hypot(x, y)', '(hypot x y)'],
      ['max(0, x)', '(max 0 x)'],
      ['max(x, y, z)', '(max x y z)'],
      ['leaky_relu(x, 0.1)', '(leaky_relu x 0.1)'],
      ['leaky_relu x', '(leaky_relu x)'],
      ['min(x, y)', '(min x y)'],
      ['clamp(x, 0, 1)', '(clamp x 0 1)'],
      ['pow(x, 3)', '(pow x 3)'],
    ]);
  });

  it('reads σ and sigma as the sigmoid only when called', () => {
    assertShapes([
      ['σ(x)', '(sigmoid x)'],
      ['sigma(x)', '(sigmoid x)'],
      ['σ x', '(mul σ x)'],
      ['sigma^2', '(pow sigma 2)'],
      ['sigma = 2; f = sigma(x)', '(mul 2 x)'],
    ]);
  });

  it('reads Unicode operators, roots and superscripts', () => {
    assertShapes([
      ['x·y', '(mul x y)'],
      ['x×y', '(mul x y)'],
      ['x − y', '(sub x y)'],
      ['x ÷ y', '(div x y)'],
      ['√x', '(sqrt x)'],
      ['√(x+1)', '(sqrt (add x 1))'],
      ['∛x', '(cbrt x)'],
      ['x²', '(pow x 2)'],
      ['x³', '(pow x 3)'],
      ['x⁻¹', '(pow x -1)'],
      ['|x - y|', '(abs (sub x y))'],
    ]);
    const program = lowerOk('x² + 1');
    assert.equal(textAt('x² + 1', program.graph.nodes[1]?.range), '²');
  });

  it('reads straight-line assignments, with ; or line breaks', () => {
    assertShapes([
      ['q = x + y; f = q z', '(mul (add x y) z)'],
      ['q = x + y\n\n  f = q z\n', '(mul (add x y) z)'],
      ['q = x + y\r\nf = q z', '(mul (add x y) z)'],
      ['f = x +\n  y', '(add x y)'],
      ['f = max(x,\n y)', '(max x y)'],
      ['f := x y', '(mul x y)'],
    ]);
  });

  it('makes a new version for each reassignment', () => {
    const program = lowerOk('a = x + 1\na = a * 2\nb = a a');
    const named = program.graph.nodes.filter((node) => node.name === 'a');
    assert.deepEqual(
      named.map((node) => [node.kind === 'op' ? node.op : node.kind, node.version]),
      [
        ['add', 1],
        ['mul', 2],
      ],
    );
    assert.equal(program.outputName, 'b');
    assert.equal(
      shapeOf('a = x + 1\na = a * 2\nb = a a'),
      '(mul (mul (add x 1) 2) (mul (add x 1) 2))',
    );
  });

  it('counts an input as the first version of its name', () => {
    const program = lowerOk('y = 2x\nx = x + 1');
    const assigned = program.graph.nodes[program.graph.output] as GraphNode;
    assert.equal(assigned.name, 'x');
    assert.equal(assigned.version, 2);
    assert.deepEqual(inputNames(program.graph), ['x']);
  });

  it('keeps constants assigned in the selection as constants, not inputs', () => {
    const program = lowerOk('a = 3\nf = a x');
    assert.deepEqual(inputNames(program.graph), ['x']);
    assert.equal(program.graph.nodes[0]?.kind, 'constant');
    assert.equal(program.graph.nodes[0]?.name, 'a');
    assert.deepEqual(program.unbound, ['x']);
  });

  it('treats `a = x` as an alias: the input keeps its name', () => {
    const program = lowerOk('a = x');
    assert.equal(program.outputName, 'a');
    assert.equal(program.graph.nodes[program.graph.output]?.name, 'x');
    assert.deepEqual(
      program.references.map((ref) => [ref.role, ref.name, ref.node]),
      [
        ['write', 'a', 0],
        ['read', 'x', 0],
      ],
    );
  });

  it('keeps unused parameters as inputs, in order', () => {
    const program = lowerOk('f(x, y, z) = x');
    assert.deepEqual(inputNames(program.graph), ['x', 'y', 'z']);
    assert.deepEqual(program.unbound, ['x', 'y', 'z']);
  });

  it('takes the last statement as the output, or the one asked for', () => {
    assert.equal(lowerOk('q = x + y\nq z').outputName, 'f');
    assert.equal(lowerOk('f = x\nf * 2').outputName, 'g');
    assert.equal(lowerOk('f(x) = x^2\nf').outputName, 'f');
    const program = lowerOk('q = x + y\nf = q z', { output: 'x' });
    assert.equal(program.graph.output, 0);
  });

  it('evaluates formulas correctly', () => {
    assert.equal(valueOf('(x + y)z', { x: -2, y: 5, z: -4 }), -12);
    assert.equal(valueOf('1/(1 + e^-x)', { x: 0 }), 0.5);
    assert.ok(Math.abs(valueOf('sin(x)^2 + cos(x)^2', { x: 0.7 }) - 1) < 1e-12);
    assert.equal(valueOf('max(0, x) - relu(x)', { x: 3 }), 0);
    assert.deepEqual(ops(lowerOk('log(x) + ln x').graph), ['log', 'log', 'add']);
  });
});
