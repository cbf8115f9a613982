import assert from 'node:assert/strict';
import { parseNumberText } from '../../src/webview/numberText';

describe('numbers typed into the inputs table', () => {
  const cases: [string, number | undefined][] = [
    ['2', 2],
    ['−4', -4],
    ['-4', -4],
    [' 1e-3 ', 0.001],
    ['.5', 0.5],
    ['+3.', 3],
    ['1_000', 1000],
    ['2.5E2', 250],
    ['', undefined],
    ['abc', undefined],
    ['1e999', undefined],
    ['Infinity', undefined],
    ['NaN', undefined],
    ['0x10', undefined],
    ['2 * 3', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} reads as ${expected}`, () => {
      assert.equal(parseNumberText(text), expected);
    });
  }
});
