/**
 * micrograd ports in JavaScript and TypeScript, read as their users write them. The expected
 * numbers come from PyTorch in float64 running the same computation (/usr/bin/python3): each
 * program is turned into Python line by line (`new Value(x)` is a float64 tensor that requires
 * its gradient; `.add`, `.mul`, `.pow`, `.tanh` … are PyTorch's tensor methods of the same
 * meaning). The tests may run code; the extension never does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageId } from '../../../src/language/languages';
import { inspectionOf } from '../../support/inspections';
import { runPython } from '../../support/tensorOpChecks';
import { javascript, lowerError, lowerOk, typescript } from '../code/codeHelpers';

/** Runs each Python program; the value of `output` and the gradients of `names`. */
const TORCH = String.raw`
import json, sys, torch

def V(x, *rest):
    return torch.tensor(float(x), dtype=torch.float64, requires_grad=True)

answers = []
for source, output, names in json.load(sys.stdin):
    env = {'V': V}
    exec(compile(source, '<program>', 'exec'), env)
    answers.append({'value': env[output].item(), 'grads': {n: env[n].grad.item() for n in names}})
print(json.dumps(answers))
`;

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
}

/**
 * The statements of a JavaScript program as Python: declarations lose `const`/`let` and `;`,
 * `new Value(x, …)` (and a helper `v(x)`) is `V(x)`; imports, requires, helpers, `console.log`
 * and labels are left out.
 */
function asTorch(source: string): string {
  return source
    .split('\n')
    .filter(
      (line) =>
        !/^(import|console|\/\/|.*require\(|.*=> new Value|function |.*\.label =)/.test(line),
    )
    .filter((line) => !/^\s*(return new Value|\})/.test(line))
    .map((line) =>
      line
        .replace(/^(const|let|var) /, '')
        .replace(/: Value\b/g, '')
        .replace(/;$/, '')
        .replace(/\b(?:new Value|v)\(([^,)]*)(, \{[^}]*\})?\)/g, 'V($1)'),
    )
    .join('\n');
}

/** micrograd's README computation, as a port's README writes it (the example). */
const README = `import { Value } from './engine.js';
const a = new Value(-4.0);
const b = new Value(2.0);
const c = a.add(b);
const d = a.mul(b).add(b.pow(3));
const e = c.mul(d);
e.backward();
console.log(a.grad);
`;

/** micrograd's test_more_ops, written with a port's methods. */
const MORE_OPS = `const { Value } = require('./micrograd/engine');
const a = new Value(-4.0);
const b = new Value(2.0);
let c = a.add(b);
let d = a.mul(b).add(b.pow(3));
c = c.add(c.add(1));
c = c.add(c.add(1).add(a.neg()));
d = d.add(d.mul(2).add(b.add(a).relu()));
d = d.add(d.mul(3).add(b.sub(a).relu()));
const e = c.sub(d);
const f = e.pow(2);
let g = f.div(2.0);
g = g.add(new Value(10.0).div(f));
g.backward();
`;

/** Karpathy's neuron (tanh), each Value made by a helper, labelled as the lecture does. */
const NEURON = `import { Value } from 'micrograd-js';
const v = (x) => new Value(x);
const x1 = v(2.0);
const x2 = v(0.0);
const w1 = new Value(-3.0, { label: 'w1' });
const w2 = v(1.0);
const b = v(6.8813735870195432);
w2.label = 'w2';
const n = x1.mul(w1).add(x2.mul(w2)).add(b);
const o = n.tanh();
o.backward();
`;

/** The other methods: sigmoid, exp, log, neg, sub, div, relu; a function helper. */
const OTHER_METHODS = `import { Value } from './engine';
function v(x) {
  return new Value(x);
}
const x = v(0.5);
const y = v(-1.5);
const z = x.sigmoid().add(x.exp().log().neg()).sub(y.div(3)).mul(x.relu().add(y.relu()));
const out = z.mul(y.tanh()).add(x.pow(-2));
out.backward();
`;

/** TypeScript, with annotations. */
const TYPED = `import { Value } from './engine';
const a: Value = new Value(3.0);
const b: Value = new Value(-0.5);
const loss: Value = a.mul(b).tanh().sub(1).pow(2);
loss.backward();
`;

/** micrograd-ts's demo neuron (trekhleb/micrograd-ts), with the import its demo page leaves out. */
const MICROGRAD_TS = `import { v } from 'micrograd-ts';
// Inputs x1, x2
const x1 = v(2, { label: 'x1' })
const x2 = v(0, { label: 'x2' })
const w1 = v(-3, { label: 'w1' })
const w2 = v(1, { label: 'w2' })
const b = v(6.8813735870195432, { label: 'b' })
const x1w1 = x1.mul(w1)
x1w1.label = 'x1w1'
const n = x1w1.add(x2.mul(w2)).add(b)
const o = n.tanh()
o.backward()
`;

const PROGRAMS = [
  [README, 'e', ['a', 'b'], 'javascript'],
  [MORE_OPS, 'g', ['a', 'b'], 'javascript'],
  [NEURON, 'o', ['x1', 'x2', 'w1', 'w2', 'b'], 'javascript'],
  [OTHER_METHODS, 'out', ['x', 'y'], 'javascript'],
  [TYPED, 'loss', ['a', 'b'], 'typescript'],
  [MICROGRAD_TS, 'o', ['x1', 'x2', 'w1', 'w2', 'b'], 'typescript'],
] as const;

async function inspected(source: string, language: LanguageId = 'javascript') {
  const { result, program } = await inspectionOf({ source, language });
  const grads: Record<string, number> = {};
  for (const input of result.inputs) {
    grads[input.name] = input.grad;
  }
  return { value: result.value, grads, output: result.output.name, result, program };
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
}

describe('micrograd ports in JavaScript and TypeScript', function () {
  this.timeout(120_000);
  let ran: Ran[] = [];

  before(() => {
    ran = runPython<Ran[]>(
      TORCH,
      PROGRAMS.map(([source, output, names]) => [asTorch(source), output, names]),
    );
  });

  PROGRAMS.forEach(([source, output, names, language], i) => {
    const title = source.split('\n').find((line) => line.includes('backward')) ?? '';
    it(`${language} ${title} gives PyTorch's value and gradients (program ${i + 1})`, async () => {
      const inspection = await inspected(source, language);
      const torch = ran[i];
      assert.ok(torch !== undefined);
      assert.match(inspection.output, new RegExp(`^${output}`));
      close(inspection.value, torch.value, output);
      assert.deepEqual(Object.keys(inspection.grads).sort(), [...names].sort());
      for (const name of names) {
        close(inspection.grads[name] ?? NaN, torch.grads[name] ?? NaN, `∂${output}/∂${name}`);
      }
    });
  });

  it('samples/micrograd_port.js gives what micrograd prints: g = 24.7041, ∂g/∂a = 138.8338, ∂g/∂b = 645.5773', async () => {
    const sample = readFileSync(join(__dirname, '../../../samples/micrograd_port.js'), 'utf8');
    const { value, grads, output } = await inspected(sample);
    assert.match(output, /^g/);
    assert.equal(value.toFixed(4), '24.7041');
    assert.equal(grads.a?.toFixed(4), '138.8338');
    assert.equal(grads.b?.toFixed(4), '645.5773');
  });

  it("the README example: e = 0, ∂e/∂a = −4, ∂e/∂b = −16 (PyTorch's numbers)", async () => {
    const { value, grads } = await inspected(README);
    // c·d = (−2)·0 is −0, in PyTorch as here.
    assert.ok(Object.is(value, -0), String(value));
    assert.deepEqual(grads, { a: -4, b: -16 });
  });

  it('`console.log(a.grad)` after backward() shows ∂e/∂a on hover: the reference covers `a.grad`', async () => {
    const { result, program } = await inspected(README);
    const line = README.split('\n').findIndex((text) => text.startsWith('console.log'));
    const column = 'console.log('.length;
    const reference = program.references.find(
      (ref) => ref.range.start.line === line && ref.range.start.column === column,
    );
    assert.ok(reference !== undefined, 'a reference at a.grad');
    assert.equal(reference.range.end.column, column + 'a.grad'.length);
    assert.equal(result.nodes[reference.node]?.grad, -4);
  });

  it('labels are skipped and said so, naming their lines; an imported Value is said to be read as micrograd’s', async () => {
    const program = await lowerOk(javascript, NEURON);
    assert.deepEqual(program.notes, [
      "`Value` from 'micrograd-js' is read as micrograd's Value: its methods are taken to mean micrograd's",
      'labels skipped (lines 5, 8): a label names a value, it computes nothing',
    ]);
  });

  it('`.data` is a plain number the gradient does not flow through (PyTorch: a * a.detach())', async () => {
    const source = `import { Value } from './engine';\nconst a = new Value(3.0);\nconst y = a.mul(a.data);\ny.backward();\n`;
    const { value, grads, result } = await inspected(source);
    assert.equal(value, 9);
    assert.deepEqual(grads, { a: 3 });
    assert.ok(result.nodes.some((node) => node.note?.includes('plain number') === true));
  });

  it('backward() names the output, not the last assignment', async () => {
    const source = `const { Value: V } = require('micrograd');\nconst a = new V(3.0);\nconst b = new V(2.0);\nconst y = a.mul(b);\ny.backward();\nconst z = a.add(1);\na.grad;\n`;
    const { output, grads } = await inspected(source);
    assert.equal(output, 'y');
    assert.deepEqual(grads, { a: 2, b: 3 });
  });

  it("a class of micrograd's shape in the file is read as micrograd's Value, with the methods it defines", async () => {
    const engine = `class Value {
  constructor(data, children = [], op = '') {
    this.data = data;
    this.grad = 0;
  }
  add(other) {
    return new Value(this.data + other.data, [this, other], '+');
  }
  mul(other) {
    return new Value(this.data * other.data, [this, other], '*');
  }
  tanh() {
    return new Value(Math.tanh(this.data), [this], 'tanh');
  }
  backward() {
    this.grad = 1;
  }
}
`;
    const uses = `const x = new Value(2.0);\nconst w = new Value(-3.0);\nconst o = x.mul(w).add(new Value(6.5)).tanh();\no.backward();\n`;
    const { value, grads, output } = await inspected(engine + uses);
    assert.equal(output, 'o');
    close(value, Math.tanh(0.5), 'o');
    close(grads.w ?? NaN, 2 * (1 - Math.tanh(0.5) ** 2), '∂o/∂w');
    const missing = await lowerError(javascript, `${engine}const s = new Value(1).sigmoid();\n`);
    assert.match(missing.message, /class Value \(line 1\) defines no method `sigmoid`/);
  });

  it('a helper bound again elsewhere in the file is refused, not followed as a plain call', async () => {
    const source = `import { Value } from './engine';\nconst v = (x) => new Value(x);\nconst a = v(2.0);\nconst y = a.mul(a);\ny.backward();\nfunction other() {\n  const v = 3;\n  return v;\n}\n`;
    assert.match((await lowerError(javascript, source)).message, /binds `v` more than once/);
    const alone = await inspected(source.slice(0, source.indexOf('function other')));
    assert.deepEqual(alone.grads, { a: 4 });
  });

  it("micrograd-ts's v imported from a micrograd module is read as its Value maker, said so", async () => {
    const program = await lowerOk(typescript, MICROGRAD_TS);
    assert.ok(program.notes?.some((note) => note.startsWith("`v` from 'micrograd-ts' is read")));
    const unimported = MICROGRAD_TS.replace("import { v } from 'micrograd-ts';\n", '');
    assert.match((await lowerError(typescript, unimported)).message, /an object is not supported/);
  });

  it('a `Value` neither imported nor defined is read as micrograd’s and said so', async () => {
    const program = await lowerOk(javascript, 'const a = new Value(2);\nconst y = a.exp();\n');
    assert.match(program.notes?.join('\n') ?? '', /neither imported nor defined/);
  });

  it('refuses clearly: unknown methods, a gradient in a computation, backward with arguments, another class, other `new`', async () => {
    const head = `import { Value } from './engine';\nconst a = new Value(3.0);\n`;
    const cases: [string, RegExp][] = [
      [`${head}const y = a.softmax();\n`, /`\.softmax\(\)`.*not known/],
      [
        `${head}const y = a.mul(a);\ny.backward();\nconst z = a.grad * 2;\n`,
        /a\.grad.*computation/,
      ],
      [`${head}const y = a.mul(a);\ny.backward(1);\n`, /with arguments/],
      [`${head}const y = a.tanh(2);\n`, /takes no argument/],
      [`${head}const y = a.add();\n`, /takes one argument/],
      [`${head}const y = new Value(1, 2);\n`, /read with one number/],
      [
        'class Value {\n  constructor(x) { this.x = x; }\n}\nconst a = new Value(2);\n',
        /a class is not supported/,
      ],
      ['const a = new Date(2);\n', /`new` is not supported/],
    ];
    for (const [source, message] of cases) {
      assert.match((await lowerError(javascript, source)).message, message, source);
    }
  });

  it('without micrograd in the file, method calls are refused as before', async () => {
    const error = await lowerError(typescript, 'const y = x.tanh();\n', { values: { x: 1 } });
    assert.match(error.message, /property access \(`x\.tanh`\) is not supported/);
  });
});
