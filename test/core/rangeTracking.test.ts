import assert from 'node:assert/strict';
import { trackRange, trackRangeThrough } from '../../src/core/rangeTracking';

const at = (line: number, column: number) => ({ line, column });
const range = (a: [number, number], b: [number, number]) => ({ start: at(...a), end: at(...b) });
/** The inspected range: line 3, columns 0–15 (`f = (x + y) * z`). */
const INSPECTED = range([3, 0], [3, 15]);

describe('range tracking', () => {
  it('moves down when lines are inserted above', () => {
    const moved = trackRange(INSPECTED, { range: range([0, 0], [0, 0]), text: 'import math\n\n' });
    assert.deepEqual(moved, range([5, 0], [5, 15]));
  });

  it('moves up when lines above are deleted', () => {
    assert.deepEqual(
      trackRange(INSPECTED, { range: range([1, 0], [2, 0]), text: '' }),
      range([2, 0], [2, 15]),
    );
  });

  it('stretches when text is typed inside or at its end', () => {
    assert.deepEqual(
      trackRange(INSPECTED, { range: range([3, 14], [3, 15]), text: 'w' }),
      range([3, 0], [3, 15]),
    );
    assert.deepEqual(
      trackRange(INSPECTED, { range: range([3, 15], [3, 15]), text: ' + 1' }),
      range([3, 0], [3, 19]),
    );
    assert.deepEqual(
      trackRange(INSPECTED, { range: range([3, 4], [3, 4]), text: '2 * ' }),
      range([3, 0], [3, 19]),
    );
  });

  it('takes in text typed at its start', () => {
    assert.deepEqual(
      trackRange(INSPECTED, { range: range([3, 0], [3, 0]), text: '\n' }),
      range([3, 0], [4, 15]),
    );
  });

  it('is untouched by edits after it', () => {
    assert.deepEqual(trackRange(INSPECTED, { range: range([4, 0], [9, 3]), text: 'x' }), INSPECTED);
  });

  it('shrinks to the edit when its text is replaced across its end', () => {
    assert.deepEqual(
      trackRange(INSPECTED, { range: range([3, 10], [5, 0]), text: ')' }),
      range([3, 0], [3, 11]),
    );
  });

  it('applies several changes in order', () => {
    const changes = [
      { range: range([3, 15], [3, 15]), text: '!' },
      { range: range([0, 0], [0, 0]), text: '\n' },
    ];
    assert.deepEqual(trackRangeThrough(INSPECTED, changes), range([4, 0], [4, 16]));
  });
});
