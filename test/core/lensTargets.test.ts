import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, type FrontEndLookup } from '../../src/core/inspectSource';
import { inspectableCandidates } from '../../src/core/lensTargets';
import type { Position } from '../../src/engine/ir';
import { codeLensCandidates } from '../../src/language/codeLens';
import type { LanguageId } from '../../src/language/frontEnd';
import { languageOfExtension } from '../../src/language/languages';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);
const SAMPLES = join(__dirname, '..', '..', 'samples');

/** A NumPy file as people have it: lines the tool refuses between lines it reads. */
const NUMPY = [
  'import numpy as np',
  '',
  'np.random.seed(0)',
  'a = np.random.randn(8)',
  'W = 0.01 * np.random.randn(3, 5)',
  'X = np.fft.fft(a)',
  'N = X.shape[0]',
  'x = np.array([1.0, 2.0, 3.0])',
  'y = np.tanh(x) * 2',
  'loss = np.sum(y ** 2)',
  '',
  'def f(w, v):',
  '    return np.sum(np.tanh(w * v))',
].join('\n');

async function keptLines(source: string, language: LanguageId, lookup = frontEnds) {
  const candidates = codeLensCandidates(source, language);
  const { kept, read } = await inspectableCandidates(lookup, {
    source,
    language,
    candidates,
    defaultValue: 1,
  });
  assert.equal(read, candidates.length, 'every candidate read');
  return { candidates, kept, lines: kept.map((at) => at.line) };
}

/**
 * What the inspect command makes of a click at `at`: read, and while values are missing, read
 * again with the prompt's prefilled 1 for each (three readings at most, as the command).
 */
async function commandAnswer(source: string, language: LanguageId, at: Position) {
  let values: Record<string, number> = {};
  for (let round = 0; round < 3; round += 1) {
    const outcome = await inspectSource(frontEnds, {
      source,
      language,
      selection: { start: at, end: at },
      values,
      steps: false,
    });
    if (outcome.ok) {
      return 'inspected';
    }
    const asks = outcome.error.kind === 'unbound' || outcome.error.kind === 'unknown-name';
    const names = outcome.error.names ?? [];
    if (!asks || names.length === 0) {
      return `${outcome.error.kind}: ${outcome.error.message}`;
    }
    values = { ...values, ...Object.fromEntries(names.map((name) => [name, 1])) };
  }
  return 'still missing values';
}

describe('CodeLens places: only where a click inspects', function () {
  this.timeout(60_000);

  it('keeps no lens above NumPy lines the tool refuses (fft, random draws, X.shape[0], a def of arrays)', async () => {
    const { candidates, lines } = await keptLines(NUMPY, 'python');
    assert.deepEqual(
      candidates.map((at) => at.line),
      [3, 4, 5, 6, 7, 8, 9, 11],
    );
    assert.deepEqual(lines, [9]);
  });

  it('keeps a lens whose click asks for values: a function of numbers, a condition on an input', async () => {
    const source = [
      'import math',
      'def neuron(w, x, b):',
      '    return math.tanh(w * x + b)',
      'def step(t):',
      '    if t > 0:',
      '        return t * t',
      '    return -t',
    ].join('\n');
    const { lines } = await keptLines(source, 'python');
    assert.deepEqual(lines, [1, 3]);
    assert.equal(await commandAnswer(source, 'python', { line: 3, column: 0 }), 'inspected');
  });

  it('gives every sample the same answer as the inspect command: kept if and only if it inspects', async () => {
    const files = readdirSync(SAMPLES).filter((name) => languageOfExtension(extname(name)));
    assert.ok(files.length >= 5, `samples: ${files.join(', ')}`);
    for (const name of files) {
      const language = languageOfExtension(extname(name))!;
      const source = readFileSync(join(SAMPLES, name), 'utf8');
      const { candidates, kept } = await keptLines(source, language);
      for (const at of candidates) {
        const answer = await commandAnswer(source, language, at);
        const lensShown = kept.some((place) => place.line === at.line);
        assert.equal(
          lensShown,
          answer === 'inspected',
          `${name}:${at.line + 1}: lens ${lensShown ? 'shown' : 'hidden'}, the command says ${answer}`,
        );
      }
    }
  });

  it('stops reading when out of time, and says how many candidates it read', async () => {
    const candidates = codeLensCandidates(NUMPY, 'python');
    let asked = 0;
    const answer = await inspectableCandidates(
      frontEnds,
      { source: NUMPY, language: 'python', candidates, defaultValue: 1 },
      () => {
        asked += 1;
        return asked >= 7;
      },
    );
    // Asked before every candidate but the first: the 7th time, before `def f`, it says stop.
    assert.equal(answer.read, 7);
    assert.deepEqual(answer.kept, [{ line: 9, column: 0 }]);
    const none = await inspectableCandidates(
      frontEnds,
      { source: NUMPY, language: 'python', candidates, defaultValue: 1 },
      () => true,
    );
    assert.equal(none.read, 1, 'the first candidate is always read: a job makes progress');
  });

  it('reads a 1,000-line file once per candidate, each with the whole file', async () => {
    const blocks: string[] = ['import math', ''];
    for (let i = 0; blocks.length < 1_000; i += 1) {
      blocks.push(
        `a${i} = 0.5`,
        `b${i} = -1.5`,
        `c${i} = a${i} * b${i} + math.tanh(a${i})`,
        `def g${i}(u, v=2.0):`,
        `    return u * v + math.exp(u)`,
        '',
      );
    }
    const source = blocks.slice(0, 1_000).join('\n');
    let readings = 0;
    const counting: FrontEndLookup = (language) => {
      const frontEnd = frontEnds(language);
      return {
        language,
        lower: (request) => {
          readings += 1;
          assert.equal(request.source, source);
          return frontEnd.lower(request);
        },
      };
    };
    const { candidates, lines } = await keptLines(source, 'python', counting);
    assert.equal(candidates.length, 332);
    assert.equal(lines.length, candidates.length);
    assert.equal(readings, candidates.length);
  });
});
