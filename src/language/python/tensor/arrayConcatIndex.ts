/**
 * `np.c_[…]` and `np.r_[…]`, NumPy's index-syntax concatenation: `np.c_` stacks its items as
 * columns (a 1-D array becomes an n × 1 column, a number a 1 × 1 block) along the last axis;
 * `np.r_` joins them along the first (a number is one element, `a:b:c` a range). Directive
 * strings (`np.r_['0,2', …]`) are refused.
 */
import { CodeError } from '../../code/codeError';
import { excerpt } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf } from '../../span';
import type { Site } from './arrayGraph';
import { asArray, keeping } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import { sliceBounds } from './arraySubscript';
import { numberValue, type ArrayValue, type PyValue } from './arrayValue';

export type Concatenator = 'numpy.c_' | 'numpy.r_';

export function isConcatenator(value: PyValue): value is { kind: 'module'; path: Concatenator } {
  return value.kind === 'module' && (value.path === 'numpy.c_' || value.path === 'numpy.r_');
}

export function concatIndex(
  reader: ArrayReader,
  node: SyntaxNode,
  items: readonly SyntaxNode[],
  which: Concatenator,
): ArrayValue {
  const site: Site = { text: node.text, span: spanOf(node) };
  const columns = which === 'numpy.c_';
  const arrays = items.map((item) => {
    const array = itemArray(reader, item, columns);
    return columns ? asColumns(reader, array, item) : asRow(reader, array, item);
  });
  const [first] = arrays;
  if (first === undefined) {
    throw new CodeError('unsupported', `\`${excerpt(node.text)}\` joins nothing`, site.span);
  }
  const rank = first.value.shape.length;
  if (arrays.some((array) => array.value.shape.length !== rank)) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: its items have different numbers of dimensions (${arrays.map((array) => array.value.shape.length).join(', ')}), which NumPy refuses`,
      site.span,
    );
  }
  if (arrays.length === 1) {
    return first;
  }
  return keeping(reader.graph, { kind: 'concat', axis: columns ? rank - 1 : 0 }, arrays, site);
}

function itemArray(reader: ArrayReader, item: SyntaxNode, columns: boolean): ArrayValue {
  if (item.type === 'slice') {
    return sliceRange(reader, item);
  }
  const value = reader.expr(item);
  if (value.kind === 'string') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(item.text)}\`: directive strings in np.${columns ? 'c_' : 'r_'}[…] are not supported; use np.concatenate with an axis`,
      spanOf(item),
    );
  }
  return asArray(reader.graph, value, item.text, spanOf(item));
}

/** `a:b:c` in np.r_ / np.c_: np.arange(a, b, c). */
function sliceRange(reader: ArrayReader, item: SyntaxNode): ArrayValue {
  const [start = 0, stop, step = 1] = sliceBounds(reader, item);
  if (stop === undefined || step === 0) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(item.text)}\`: a range in np.r_[…] needs a stop and a step other than 0`,
      spanOf(item),
    );
  }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const items = Array.from({ length }, (_, i) => numberValue(start + i * step, 'int'));
  return {
    ...asArray(reader.graph, { kind: 'tuple', items }, item.text, spanOf(item)),
    dtype: 'int',
  };
}

/** np.c_'s item: at least 2-D, a 1-D array (or a number) standing as a column. */
function asColumns(reader: ArrayReader, array: ArrayValue, item: SyntaxNode): ArrayValue {
  const shape = array.value.shape;
  if (shape.length >= 2) {
    return array;
  }
  const column = shape.length === 0 ? [1, 1] : [shape[0] ?? 0, 1];
  return keeping(reader.graph, { kind: 'reshape', shape: column }, [array], {
    text: item.text,
    span: spanOf(item),
  });
}

/** np.r_'s item: at least 1-D, a number one element. */
function asRow(reader: ArrayReader, array: ArrayValue, item: SyntaxNode): ArrayValue {
  if (array.value.shape.length >= 1) {
    return array;
  }
  return keeping(reader.graph, { kind: 'reshape', shape: [1] }, [array], {
    text: item.text,
    span: spanOf(item),
  });
}
