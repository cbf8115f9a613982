import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatNumber } from '../../../src/engine/format';
import { FONT, numberSlotWidth, textWidth } from '../../../src/present/graph/metrics';

const slot = (value: number, precision: number): number =>
  numberSlotWidth(formatNumber(value, { precision }), precision, FONT.label);

describe('number slots of the layout', () => {
  it('gives every number the slot of its kind, whatever its digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 17 }),
        fc.double({ min: 1e-4, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-99, max: 1e99, noNaN: true }),
        fc.boolean(),
        (precision, plain, anyMagnitude, negative) => {
          const sign = negative ? -1 : 1;
          const full = slot(sign * (1 / 7000), precision);
          const text = formatNumber(sign * plain, { precision });
          // A number of more than four characters takes the same slot as the widest plain one.
          if ([...text].length > 4) {
            assert.equal(slot(sign * plain, precision), full, text);
          }
          assert.equal(slot(sign * anyMagnitude, precision) <= full, true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps short numbers short, and makes room for a three-digit exponent', () => {
    const short = slot(-0.5, 6);
    assert.equal(slot(2, 6), short);
    assert.equal(slot(-12, 6), short);
    assert.ok(slot(-0.421053, 6) > short);
    assert.ok(slot(-1.23456e-300, 6) > slot(-1.23456e-30, 6));
  });

  it('is never narrower than its text', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 17 }), (text, precision) => {
        assert.ok(numberSlotWidth(text, precision, FONT.label) >= textWidth(text, FONT.label));
      }),
    );
  });
});
