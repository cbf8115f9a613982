import { strict as assert } from 'node:assert';
import { checkBackward } from '../../../src/core/handBackward/checkBackward';
import type { LanguageId } from '../../../src/language/frontEnd';
import { CIRCUIT, NAMED_NEURON, NEURON, SOFTMAX, STAGED, TWO_LAYER } from './forwardPasses';
import { frontEnds, withBackward, written } from './writtenRuns';

/** The file with its written backward pass inserted, as the checker (issue 20 item 2) reports it. */
async function checked(source: string, language: LanguageId = 'python') {
  const code = await written(source, { language });
  const outcome = await checkBackward(frontEnds, { source: withBackward(source, code), language });
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  return { code, report: outcome.report };
}

const CASES: readonly (readonly [string, string, LanguageId])[] = [
  ['the circuit', CIRCUIT, 'python'],
  ['the staged example', STAGED, 'python'],
  ['the sigmoid neuron with lists', NEURON, 'python'],
  ['the sigmoid neuron with named scalars', NAMED_NEURON, 'python'],
  ['the softmax classifier', SOFTMAX, 'python'],
  ['the two-layer net', TWO_LAYER, 'python'],
  [
    'the circuit in JavaScript',
    'const x = -2;\nconst y = 5;\nconst z = -4;\nconst q = x + y;\nconst f = q * z;\n',
    'javascript',
  ],
];

describe('Write the backward pass: the written code is reported correct by the backward-pass checker', function () {
  this.timeout(60_000);

  for (const [what, source, language] of CASES) {
    it(`${what}: every written gradient is paired and correct, no wrong line`, async () => {
      const { code, report } = await checked(source, language);
      assert.equal(report.firstWrong, undefined);
      const verdicts = new Map(
        report.comparisons.map((one) => [one.pairing.gradient, one.verdict]),
      );
      assert.ok(report.comparisons.length > 0);
      assert.ok(
        report.comparisons.every((one) => one.verdict === 'correct'),
        JSON.stringify([...verdicts]),
      );
      for (const gradient of code.gradients) {
        const paired = report.comparisons.filter(
          (one) =>
            one.pairing.gradient === gradient.name ||
            one.pairing.gradient.startsWith(`${gradient.name}[`),
        );
        assert.ok(paired.length > 0, `${gradient.name} is not checked`);
      }
    });
  }
});
