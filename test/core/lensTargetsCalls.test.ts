/**
 * "∇ Inspect at this call": a function called more than once gets a lens on each call whose
 * click inspects the function with that call's values; a call whose arguments are unknown, or
 * that is no call at all (a comment), gets none.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { inspectableCandidates } from '../../src/core/lensTargets';
import { callLensCandidates, codeLensCandidates } from '../../src/language/codeLens';
import type { LanguageId } from '../../src/language/frontEnd';
import { runPython } from '../support/tensorOpChecks';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

const PYTHON = [
  'import math',
  'from jax import grad',
  'def f(x, y=1.0):',
  '    return math.exp(x * y) / x',
  'a = f(0.5)',
  'b = f(nowhere)',
  '# f(3) is not a call',
  'g = grad(f)(2.0, y=-1.0)',
  '',
].join('\n');

const JAVASCRIPT = [
  'const f = (x) => x * Math.sin(x);',
  'function h(x) {',
  '  return x * x;',
  '}',
  'const a = f(1);',
  'const b = f(2) + h(3);',
  'const g = tf.grad(f)(0.5);',
  '',
].join('\n');

async function keptCalls(source: string, language: LanguageId) {
  const calls = callLensCandidates(source, language);
  const answer = await inspectableCandidates(frontEnds, {
    source,
    language,
    candidates: codeLensCandidates(source, language),
    defaultValue: 1,
    calls,
  });
  assert.equal(answer.callsRead, calls.length, 'every call read');
  return { calls, kept: answer.keptCalls ?? [] };
}

describe('lenses on the calls of a function', () => {
  it('go on each call of a function called more than once whose click inspects it there', async () => {
    const { calls, kept } = await keptCalls(PYTHON, 'python');
    assert.deepEqual(
      calls.map((candidate) => candidate.call.line),
      [4, 5, 6, 7],
    );
    assert.deepEqual(
      kept.map((candidate) => [candidate.function, candidate.call]),
      [
        [
          { line: 2, column: 0 },
          { line: 4, column: 4 },
        ],
        [
          { line: 2, column: 0 },
          { line: 7, column: 4 },
        ],
      ],
    );
  });

  it('a click inspects the function with that call’s values (PyTorch’s numbers)', async function () {
    this.timeout(60_000);
    const expected = runPython<{ value: number; x: number; y: number }>(
      [
        'import json, torch',
        'x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)',
        'y = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)',
        'f = torch.exp(x * y) / x',
        'f.backward()',
        "print(json.dumps({'value': f.item(), 'x': x.grad.item(), 'y': y.grad.item()}))",
      ].join('\n'),
    );
    const at = { line: 2, column: 0 };
    const call = { line: 7, column: 4 };
    const outcome = await inspectSource(frontEnds, {
      source: PYTHON,
      language: 'python',
      selection: { start: at, end: at },
      callSite: { start: call, end: call },
    });
    assert.ok(outcome.ok && outcome.kind === 'scalar', 'inspected');
    assert.ok(Math.abs(outcome.result.value - expected.value) < 1e-12);
    assert.ok(Math.abs((outcome.result.grads['x'] ?? NaN) - expected.x) < 1e-12);
    assert.ok(Math.abs((outcome.result.grads['y'] ?? NaN) - expected.y) < 1e-12);
  });

  it('JavaScript: each call of an arrow function, not those of a function called once', async () => {
    const { calls, kept } = await keptCalls(JAVASCRIPT, 'javascript');
    assert.deepEqual(
      calls.map((candidate) => candidate.call.line),
      [4, 5, 6],
    );
    assert.deepEqual(
      kept.map((candidate) => candidate.call),
      [
        { line: 4, column: 10 },
        { line: 5, column: 10 },
        { line: 6, column: 13 },
      ],
    );
  });

  it('a function called once gets no call lens: inspecting it takes that call already', () => {
    assert.deepEqual(callLensCandidates('def f(x):\n    return x * x\ny = f(2.0)\n', 'python'), []);
  });
});
