import assert from 'node:assert/strict';
import { parseCliArgs, type CliOptions } from '../../src/cli/args';
import { parseArrayArguments, parseNestedList } from '../../src/cli/arrayValues';
import type { Tensor } from '../../src/engine/tensor/tensor';

function tensorOf(text: string): Tensor {
  const parsed = parseNestedList(text);
  assert.ok(typeof parsed !== 'string', String(parsed));
  return parsed;
}

function plain(tensor: Tensor): [readonly number[], number[]] {
  return [tensor.shape, Array.from(tensor.data)];
}

function options(argv: readonly string[]): CliOptions {
  const parsed = parseCliArgs(argv);
  assert.equal(parsed.kind, 'run', parsed.kind === 'usage-error' ? parsed.message : '');
  return (parsed as { options: CliOptions }).options;
}

function usageError(argv: readonly string[]): string {
  const parsed = parseCliArgs(argv);
  assert.equal(parsed.kind, 'usage-error');
  return (parsed as { message: string }).message;
}

describe('--at arrays', () => {
  it('takes the shape from the nesting, row-major, as np.array does', () => {
    assert.deepEqual(plain(tensorOf('[1, 2, 3]')), [[3], [1, 2, 3]]);
    assert.deepEqual(plain(tensorOf('[[1,2],[3,4],[5,6]]')), [
      [3, 2],
      [1, 2, 3, 4, 5, 6],
    ]);
    assert.deepEqual(plain(tensorOf('[[[1],[2]],[[3],[4]]]')), [
      [2, 2, 1],
      [1, 2, 3, 4],
    ]);
    assert.deepEqual(plain(tensorOf('[]')), [[0], []]);
    assert.deepEqual(plain(tensorOf('[[], []]')), [[2, 0], []]);
    assert.deepEqual(plain(tensorOf(' [ 1 ; 2, ] ')), [[2], [1, 2]]);
  });

  it('reads numbers as single values are read: −, exponents, inf and nan', () => {
    const [shape, data] = plain(tensorOf('[−1.5, 2e-3, inf, -inf, nan]'));
    assert.deepEqual(shape, [5]);
    assert.deepEqual(data.slice(0, 4), [-1.5, 0.002, Infinity, -Infinity]);
    assert.ok(Number.isNaN(data[4]));
  });

  it('refuses ragged lists, saying where the rows differ', () => {
    assert.equal(
      parseNestedList('[[1, 2], [3]]'),
      'ragged list: [1] has 1 element where [0] has 2 elements; an array needs rows of one length',
    );
    assert.match(
      String(parseNestedList('[[1, 2], 3]')),
      /^ragged list: \[1\] is a number among lists/,
    );
    assert.match(
      String(parseNestedList('[[1, 2], [[3, 4], [5, 6]]]')),
      /^ragged list: \[1\] is nested 2 deep where \[0\] is nested 1 deep/,
    );
    assert.match(
      String(parseNestedList('[1, [2, 3]]')),
      /^ragged list: \[1\] is a list among numbers/,
    );
    assert.match(
      String(parseNestedList('[[[1, 2], [3, 4]], [[5, 6], [7]]]')),
      /^ragged list: \[1\]\[1\] has 1 element where \[1\]\[0\] has 2 elements/,
    );
  });

  it('refuses what is no list of numbers', () => {
    assert.equal(parseNestedList('[1, x]'), '"x" is not a number');
    assert.equal(parseNestedList('[1, , 2]'), 'an element is missing');
    assert.equal(parseNestedList('[[1, 2]'), 'a list is not closed: a "]" is missing');
    assert.match(String(parseNestedList('[1] 2')), /^unexpected "2" after the list/);
    assert.match(
      String(parseNestedList('['.repeat(40) + ']'.repeat(40))),
      /nested more than 32 deep/,
    );
  });

  it('keeps flat lists for scalar code too, with the keys of their items', () => {
    const parsed = parseArrayArguments(['x=[1,2,3]', 'W=[[1,2],[3,4]], b=0.5', 'v@4=[7, 8]']);
    assert.ok(parsed.ok);
    assert.deepEqual(Object.keys(parsed.arrays), ['x', 'W', 'v (line 4)']);
    assert.deepEqual(parsed.scalarItems, ['x=[1,2,3]', ' b=0.5', 'v@4=[7, 8]']);
    assert.deepEqual(
      { ...parsed.itemKeys },
      {
        x: ['x_1', 'x_2', 'x_3'],
        'v (line 4)': ['v_1 (line 4)', 'v_2 (line 4)'],
      },
    );
  });

  it('parses --at into the request: arrays and the scalar values as before', () => {
    const given = options(['--at', 'W=[[1,2],[3,4]]', '--at', 'x=[1, -2, 3],y=5', 'f.py']);
    assert.deepEqual(plain(given.arrays.W!), [
      [2, 2],
      [1, 2, 3, 4],
    ]);
    assert.deepEqual(plain(given.arrays.x!), [[3], [1, -2, 3]]);
    assert.deepEqual({ ...given.values }, { x_1: 1, x_2: -2, x_3: 3, y: 5 });
    assert.deepEqual(Object.keys(options(['--at', 'x=-2,y=5', 'f.py']).arrays), []);
  });

  it('says what is wrong with a ragged --at array, and keeps the scalar messages of flat lists', () => {
    assert.equal(
      usageError(['--at', 'W=[[1,2],[3]]', 'f.py']),
      '--at: W=[[1,2],[3]]: ragged list: [1] has 1 element where [0] has 2 elements; an array needs rows of one length',
    );
    assert.equal(
      usageError(['--at', 'x=[1, abc]', 'f.py']),
      '--at: "abc" is not a number (for x_2)',
    );
  });
});
