/**
 * TypeScript's operators read as TypeScript groups them, checked against real JavaScript:
 * TypeScript's own transpileModule turns each snippet into JavaScript, node runs it (the test
 * runs code; the extension never does), and central differences there give the gradients.
 * tree-sitter-typescript groups `a < b < c` to the right and reads `x + x! * x` as
 * `((x + x)!) * x`; the reader regroups every run of operators, and refuses the shapes that
 * TypeScript may read as type arguments.
 */
import assert from 'node:assert/strict';
import { runInNewContext, Script } from 'node:vm';
import fc from 'fast-check';
import ts from 'typescript';
import { createFrontEnds } from '../../../src/core/frontEnds';
import { inspectSource } from '../../../src/core/inspectSource';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';
import { textAt } from '../code/codeHelpers';

const frontEnds = createFrontEnds(wasmFromNodeModules);

type Values = Readonly<Record<string, number>>;

interface Numbers {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
}

/**
 * Where JavaScript has `**` (ES2016 on), TypeScript writes `(-x as number) ** 2` as `-x ** 2`,
 * which JavaScript rejects; below it, `**` becomes Math.pow and the grouping is kept.
 */
const REFERENCE_TARGET = ts.ScriptTarget.ES2015;

/**
 * `source` as JavaScript, run at given values; undefined when TypeScript rejects it. The value is
 * that of `probe` (`f`, `f(x, y)`), or else of the last expression statement.
 */
function javascriptOf(source: string, probe = ''): ((at: Values) => number) | undefined {
  const { outputText, diagnostics = [] } = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { target: REFERENCE_TARGET },
  });
  const code = `${outputText}\n${probe}`;
  return diagnostics.length > 0 ? undefined : (at) => Number(runInNewContext(code, { ...at }));
}

/** What real JavaScript makes of `source`: undefined when TypeScript or node rejects it. */
function javascriptReading(source: string, values: Values, probe = '', h = 1e-6) {
  const run = javascriptOf(source, probe);
  try {
    return run === undefined
      ? undefined
      : { value: run(values), grads: centralDifferences(run, values, h) };
  } catch {
    return undefined;
  }
}

function centralDifferences(run: (at: Values) => number, values: Values, h: number) {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const at = (delta: number): number => run({ ...values, [name]: value + delta });
      return [name, (at(h) - at(-h)) / (2 * h)];
    }),
  );
}

async function toolReading(source: string, values: Values) {
  const outcome = await inspectSource(frontEnds, { source, language: 'typescript', values });
  if (!outcome.ok) {
    return { ok: false as const, error: outcome.error };
  }
  if (outcome.kind === 'tensor') {
    assert.fail(`${source}: read as array code`);
  }
  return { ok: true as const, value: outcome.result.value, grads: outcome.result.grads };
}

function close(actual: number, expected: number, tolerance: number): boolean {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    return Object.is(actual, expected);
  }
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

/** The tool's value and gradients equal real JavaScript's; a name the output does not use has 0. */
function assertSame(source: string, tool: Numbers, real: Numbers, checkGrads = true): void {
  assert.ok(
    close(tool.value, real.value, 1e-12),
    `${source}: value ${tool.value}, JavaScript ${real.value}`,
  );
  if (!checkGrads) {
    return;
  }
  for (const [name, grad] of Object.entries(real.grads)) {
    const toolGrad = tool.grads[name] ?? 0;
    assert.ok(close(toolGrad, grad, 1e-6), `${source}: ∂/∂${name} ${toolGrad}, JavaScript ${grad}`);
  }
}

async function assertReadsAsJavaScript(source: string, values: Values, probe?: string) {
  const real = javascriptReading(source, values, probe);
  assert.ok(real !== undefined, `JavaScript rejects ${source}`);
  const tool = await toolReading(source, values);
  assert.ok(tool.ok, `${source}: ${tool.ok ? '' : tool.error.message}`);
  assertSame(source, tool, real);
}

// Away from ties, so that every comparison has the same outcome a step away.
const AT = { x: 1.3, y: -0.7, z: 2.9 };

/** [source, values, probe]: each reads as JavaScript reads what TypeScript makes of it. */
const READINGS: [string, Values, string?][] = [
  // The two reported: `<` chains grouped to the right, `!` swallowing its left neighbour.
  ['t < 2 < 0.5 ? t : 1', { t: 4 }],
  ['t < 2 < 0.5 ? t : 1', { t: 1 }],
  ['x + x! * x', { x: 1.5 }],
  // Comparison chains, with `<` second or later.
  ['x < y < z ? x * y : z', AT],
  ['x > y < z ? x * y : z', AT],
  ['x <= y < z ? x * y : z', AT],
  ['x < y < z < 0.5 ? x : y', AT],
  ['x < y + z < 1 ? x * z : y', AT],
  ['x + y < z < 1 ? x * z : y', AT],
  ['x < y * z < 1 ? x * z : y', AT],
  ['-x < y < z ? x * z : y', AT],
  ['x < -1 < y ? x * z : y', AT],
  ['x == y < z ? x * z : y', AT],
  ['x < y == z < x ? x * z : y', AT],
  ['(x < y < z) * x + z', AT],
  ['x ** 2 < y < z ? x : z', AT],
  ['x < y > z ? x : z', AT],
  ['x < y >= z ? x : z', AT],
  ['x < y && y < z ? x : z', AT],
  // Non-null assertions.
  ['x * y! + z', AT],
  ['x + y! * z', AT],
  ['x! * y', AT],
  ['x!!', AT],
  ['x!! * y', AT],
  ['x + y!! * z', AT],
  ['(x + y)! * z', AT],
  ['(x + y!)! * z', AT],
  ['-x! * y', AT],
  ['x ** y! * z', AT],
  ['2 ** x! ** 2', AT],
  ['x! + y! * z!', AT],
  ['x < y! < z ? x : y', AT],
  ['x != y! ** 2 ? x * z : y', AT],
  ['x && y! || z', AT],
  ['Math.exp(x + y! * z)', AT],
  ['Math.PI! * x + y', AT],
  ['z ? x : y! * z', AT],
  ['x! ? y + z : x', AT],
  ['!x! * y + z', AT],
  // `as` and `satisfies`, at the precedence of `<`.
  ['x + y as number * z', AT],
  ['x as number + y * z', AT],
  ['x * y as number + z', AT],
  ['x + y satisfies number * z', AT],
  ['x < y as number * z', AT],
  ['x == y as number * z ? x : y', AT],
  ['x as any as number * y', AT],
  ['x as number < y < z ? x : y', AT],
  ['-x as number * y', AT],
  ['(x as number) ** 2 + y', AT],
  // `<T>x`, a prefix.
  ['<number>x * y + z', AT],
  ['<number>x + y * z', AT],
  ['x * <number>y + z', AT],
  ['<number>x < y < z ? x : y', AT],
  ['-<number>x * y', AT],
  ['<number>-x * y', AT],
  ['x + <number>y! * z', AT],
  ['<any><number>x * y + z', AT],
  ['(<number>x) ** 2', AT],
  // Strict equality of two numbers or of two booleans.
  ['x !== y ? x * y : z', AT],
  ['x === 2 ? x * y : z', AT],
  ['(x < y) === (y < z) ? x * y : z', AT],
  ['(x < y) !== !(y < z) ? x * y : z', AT],
  ['(x < y) == 0 ? x * y : z', AT],
  // Statements and functions read the same runs.
  ['const f = x + x! * x;', { x: 1.5 }, 'f'],
  [
    'function f(x: number, y: number): number {\n  return x + y! * x < 1 < y ? x : y!;\n}',
    { x: 1.3, y: -0.7 },
    'f(x, y)',
  ],
  ['const g = (a: number): number => a + a! * a;\nconst f = g(x as number) * y;', AT, 'f'],
];

/** [source, the text the error covers, a phrase of the message]. */
const REFUSALS: [string, string, RegExp][] = [
  // TypeScript rejects these: a unary operator or type assertion before `**`.
  ['-x! ** 2', '-x! ** 2', /a unary operator before `\*\*` needs parentheses/],
  ['<number>x ** 2', '<number>x ** 2', /a unary operator before `\*\*` needs parentheses/],
  ['y * -x ** 2', '-x ** 2', /a unary operator before `\*\*` needs parentheses/],
  // TypeScript reads `(-x as number) ** 2` but writes `-x ** 2` (see below).
  ['-x as number ** 2', '-x as number ** 2', /a unary operator before `\*\*`/],
  // TypeScript reads a call with type arguments, `x<y!>(z)`, where tree-sitter reads comparisons.
  ['x < y! > (z)', 'x < y! > (z)', /ambiguous in TypeScript: `<…>` before `\(`/],
  ['x < (y!) > (z)', 'x < (y!) > (z)', /ambiguous in TypeScript/],
  ['Math.max(x < y, z! > (x))', 'z! > (x)', /ambiguous in TypeScript/],
  // TypeScript reads `x<y>` and ends the statement at the line break.
  ['x < y >\nz', 'x < y >\nz', /ambiguous in TypeScript: `<…>` before `\(` or a line break/],
  // tree-sitter reads type arguments where TypeScript reads comparisons.
  ['Math.max(x < y, z > -x)', 'x < y, z >', /reads as type arguments \(`f<T>`\) here/],
  ['x as number < y > (z)', 'x as number < y > (z)', /reads as type arguments/],
  ['x! < y > (z)', 'x! < y > (z)', /reads as type arguments/],
  // JavaScript's `===` never finds a boolean equal to a number; here they are 1 and 0.
  ['(x < y) === 0 ? x : y', '(x < y) === 0', /`===` between a boolean .* and what may be a number/],
  ['x !== (y < z) ? x : y', 'x !== (y < z)', /use `!=`, or compare numbers/],
  ['Math.tanh(x) == x !== Math.tanh(0) ? x : y', 'Math.tanh(x) == x !== Math.tanh(0)', /`!==`/],
  ['(z ? x < y : 1) === 1 ? x : y', '(z ? x < y : 1) === 1', /`===` between a boolean/],
  // TypeScript reads `number?` as a type when `?` is followed by what cannot begin one.
  ['x as number ? - y : z', 'x as number ? - y : z', /the `\?` after a type can belong to it/],
  ['y + x as number! ? y : z', 'y + x as number! ? y : z', /the `\?` after a type/],
];

describe('TypeScript operators, grouped as TypeScript groups them', () => {
  describe('read as real JavaScript reads them (transpileModule, run in node)', () => {
    for (const [source, values, probe] of READINGS) {
      it(JSON.stringify(source), async () => {
        await assertReadsAsJavaScript(source, values, probe);
      });
    }
  });

  describe('refused where TypeScript rejects them or may read them otherwise', () => {
    for (const [source, covered, message] of REFUSALS) {
      it(JSON.stringify(source), async () => {
        const tool = await toolReading(source, AT);
        assert.ok(!tool.ok, `expected ${source} to be refused`);
        assert.match(tool.error.message, message);
        assert.equal(textAt(source, tool.error.range), covered);
      });
    }
  });

  it('refuses -x as number ** 2: TypeScript writes JavaScript that JavaScript rejects', () => {
    const written = transpiled('-x as number ** 2', ts.ScriptTarget.ES2022);
    assert.equal(written, '-x ** 2;');
    assert.ok(!parses(written));
  });

  it('reads a type-argument call as TypeScript does: x < y > (z) calls x', async () => {
    assert.equal(transpiled('x < y! > (z)'), 'x(z);');
    assert.equal(transpiled('x < y > (z)'), 'x(z);');
    const tool = await toolReading('x < y > (z)', AT);
    assert.ok(!tool.ok);
    assert.match(tool.error.message, /`x` holds a number here/);
  });

  it('agrees with JavaScript on random runs of TypeScript operators', async function () {
    // 400 transpile-and-run comparisons: about 20 s on a busy 2-core machine.
    this.timeout(120_000);
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(expression(2), async (source) => {
        // TypeScript's emitter writes `+ (+x as T)` as `++x`: no reference there.
        fc.pre(!/\+\+|--/.test(transpiled(source)));
        const real = javascriptReading(source, AT);
        const tool = await toolReading(source, AT);
        if (real === undefined) {
          assert.ok(
            !tool.ok,
            `JavaScript rejects ${source}, the tool reads ${JSON.stringify(tool)}`,
          );
          return;
        }
        if (!tool.ok) {
          // Only the shapes TypeScript may read otherwise are refused, `===` between a boolean
          // and a number, what tree-sitter cannot parse (`x < - 2 > y`: type arguments, then
          // `y`), and `-x as T ** 2`, which TypeScript writes as JavaScript that JavaScript
          // rejects.
          const written = transpiled(source, ts.ScriptTarget.ES2022);
          assert.ok(
            tool.error.kind === 'syntax' ||
              /ambiguous in TypeScript|reads as type arguments|`!==` between a boolean/.test(
                tool.error.message,
              ) ||
              (/a unary operator before `\*\*`/.test(tool.error.message) && !parses(written)),
            `${source}: ${tool.error.message}`,
          );
          return;
        }
        answered++;
        // A gradient of ∞ · 0 (`Math.tanh(x / !x)`) is NaN in the chain rule, not a grouping.
        const finite = Object.values(tool.grads).every(Number.isFinite);
        assertSame(source, tool, real, finite && smoothAt(source, real));
      }),
      { seed: 1729, numRuns: 400 },
    );
    // The rest are what JavaScript rejects (mostly `-x ** y`) and the refusals above.
    assert.ok(answered >= 200, `only ${answered} of 400 read`);
  });
});

function transpiled(source: string, target = REFERENCE_TARGET): string {
  return ts.transpileModule(source, { compilerOptions: { target } }).outputText.trim();
}

function parses(javascript: string): boolean {
  try {
    new Script(javascript);
    return true;
  } catch {
    return false;
  }
}

/** Central differences mean something only where the function is smooth: two steps agree. */
function smoothAt(source: string, real: Numbers): boolean {
  const wide = javascriptReading(source, AT, '', 1e-4);
  return (
    wide !== undefined &&
    Object.entries(real.grads).every(
      ([name, grad]) => Number.isFinite(grad) && close(wide.grads[name] ?? NaN, grad, 1e-4),
    )
  );
}

const NAMES = ['x', 'y', 'z', '1.5', '2', '0.5', '3'];
// Mostly none, so that runs are long enough to mix every kind of operator.
const PREFIXES = [
  '',
  '',
  '',
  '',
  '- ',
  '+ ',
  '! ',
  '<number> ',
  '- - ',
  '<number> - ',
  '- <number> ',
];
const POSTFIXES = ['', '', '', '', '!', '!!', ' as number', ' satisfies number', '! as number'];
// `%` is left out: JavaScript's remainder is exact, the engine's formula for it is not.
const INFIXES = ['+', '-', '*', '/', '**', '<', '<=', '>', '>=', '==', '!==', '&&', '||'];

/** Operators in every order, spaced so that no two tokens run together. */
function expression(depth: number): fc.Arbitrary<string> {
  const core: fc.Arbitrary<string> =
    depth === 0
      ? fc.constantFrom(...NAMES)
      : fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
          { weight: 1, arbitrary: expression(depth - 1).map((inner) => `(${inner})`) },
          { weight: 1, arbitrary: expression(depth - 1).map((inner) => `Math.tanh(${inner})`) },
        );
  const term = fc
    .tuple(fc.constantFrom(...PREFIXES), core, fc.constantFrom(...POSTFIXES))
    .map((parts) => parts.join(''));
  const chain = fc
    .tuple(term, fc.array(fc.tuple(fc.constantFrom(...INFIXES), term), { maxLength: 4 }))
    .map(([first, rest]) => [first, ...rest.flat()].join(' '));
  return depth === 0
    ? chain
    : fc.oneof(
        { weight: 4, arbitrary: chain },
        {
          weight: 1,
          arbitrary: fc
            .tuple(chain, expression(depth - 1), expression(depth - 1))
            .map(([test, consequent, alternative]) => `${test} ? ${consequent} : ${alternative}`),
        },
      );
}
