/**
 * NumPy's indexing (`x[1]`, `x[-1]`, `x[::-2]`, `x[None]`, `x[...]`, `x[mask]`,
 * `x[np.arange(N), y]`) turned into a gather: the result's shape and, for each of its elements,
 * the row-major flat index of the element it reads. Nothing is read but the shape and the
 * index values, so the same gather serves values, gradients and tangents.
 *
 * The rules are NumPy's (its "Indexing on ndarrays" guide): a boolean mask stands for the
 * integer arrays of its true positions; integer arrays broadcast together and their axes take
 * the place of the first of them when they are adjacent (a written `...` between them parts them
 * even when it stands for no axis), else go first; an integer among integer arrays counts as one
 * of them. Checked against NumPy 1.24 and PyTorch 1.13 on random indices (indexing.test.ts).
 *
 * PyTorch reads the same syntax with these differences, followed for `library: 'torch'`: a
 * negative slice step is refused; an integer (or a 0-d integer tensor) selects its axis first,
 * so it never counts among the integer arrays (`t[0, :, [1, 2]]` on (2, 3, 4) is (3, 2) in
 * PyTorch, (2, 3) in NumPy); an empty `...` parts nothing. PyTorch applies what follows a mask of
 * two or more axes at shifted axes; such an index is refused rather than guessed.
 */
import {
  broadcastShapes,
  MAX_TENSOR_ELEMENTS,
  shapeText,
  sizeOf,
  stridesOf,
  type Shape,
} from './shape';
import type { Tensor } from './tensor';
import { assertNever } from '../assertNever';

export type IndexPart =
  /** An integer; negative counts from the end. */
  | { readonly kind: 'integer'; readonly value: number }
  /** `start:stop:step`, each optional, as Python's `slice`. */
  | {
      readonly kind: 'slice';
      readonly start?: number;
      readonly stop?: number;
      readonly step?: number;
    }
  /** `None` / `np.newaxis`: a new axis of length 1. */
  | { readonly kind: 'newaxis' }
  /** `...`: as many full slices as the other parts leave axes. */
  | { readonly kind: 'ellipsis' }
  /** A boolean array of 0/1, covering as many axes as it has. */
  | { readonly kind: 'mask'; readonly mask: Tensor }
  /** An integer array (its elements integers, negative counting from the end). */
  | { readonly kind: 'array'; readonly array: Tensor };

export type IndexLibrary = 'numpy' | 'torch';

export type IndexGather =
  | { readonly kind: 'gather'; readonly shape: Shape; readonly indices: Int32Array }
  /** Why the index does not apply, in NumPy's words (`index 5 is out of bounds for axis 0 with size 4`). */
  | { readonly kind: 'refused'; readonly message: string };

/**
 * One input axis picked by one integer array, its positions as written (negative ones too):
 * NumPy checks that the arrays broadcast before it checks their bounds.
 */
interface Picked {
  readonly axis: number;
  readonly shape: Shape;
  readonly positions: ArrayLike<number>;
  readonly length: number;
  readonly stride: number;
}

/** The index with `...` expanded and masks turned into integer arrays, in written order. */
type Entry =
  | { readonly kind: 'axis'; readonly offsets: Int32Array }
  | { readonly kind: 'fixed'; readonly offset: number }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'picked'; readonly picked: Picked }
  /** A written `...` that stands for no axis: NumPy still counts it between integer arrays. */
  | { readonly kind: 'gap' };

class IndexRefusal extends Error {}

function refuse(message: string): never {
  throw new IndexRefusal(message);
}

const VALID_INDICES =
  'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';

/** The gather `x[parts]` makes of an `x` of shape `shape`, or why NumPy (or PyTorch) refuses it. */
export function indexGather(
  shape: Shape,
  parts: readonly IndexPart[],
  library: IndexLibrary = 'numpy',
): IndexGather {
  try {
    const resolved = parts.map(scalarArrayAsInteger);
    checkParts(resolved, library);
    const entries = expand(shape, resolved, library);
    return gatherOf(entries);
  } catch (error) {
    if (error instanceof IndexRefusal) {
      return { kind: 'refused', message: error.message };
    }
    throw error;
  }
}

/** NumPy and PyTorch both read a 0-d integer array as an integer. */
function scalarArrayAsInteger(part: IndexPart): IndexPart {
  const value =
    part.kind === 'array' && part.array.shape.length === 0 ? part.array.data[0] : undefined;
  return value !== undefined && Number.isInteger(value) ? { kind: 'integer', value } : part;
}

function checkParts(parts: readonly IndexPart[], library: IndexLibrary): void {
  if (parts.filter((part) => part.kind === 'ellipsis').length > 1) {
    refuse("an index can only have a single ellipsis ('...')");
  }
  for (const part of parts) {
    checkPart(part, library);
  }
  if (library === 'torch') {
    checkTorchMask(parts);
  }
}

/** Refused for PyTorch: what follows a mask of 2+ axes, PyTorch 1.13 applies at other axes than NumPy. */
export const TORCH_MASK_REFUSAL =
  'PyTorch applies the index parts after a boolean mask of 2 or more dimensions at other axes than NumPy does (x[mask, 0:2]); put such a mask last';

function checkTorchMask(parts: readonly IndexPart[]): void {
  const mask = parts.findIndex((part) => part.kind === 'mask' && part.mask.shape.length > 1);
  if (mask < 0) {
    return;
  }
  const noOp = (part: IndexPart): boolean =>
    part.kind === 'ellipsis' ||
    (part.kind === 'slice' &&
      part.start === undefined &&
      part.stop === undefined &&
      (part.step ?? 1) === 1);
  if (!parts.slice(mask + 1).every(noOp)) {
    refuse(TORCH_MASK_REFUSAL);
  }
}

function checkPart(part: IndexPart, library: IndexLibrary): void {
  switch (part.kind) {
    case 'integer':
      if (!Number.isInteger(part.value)) {
        refuse(VALID_INDICES);
      }
      return;
    case 'slice':
      checkSlice(part, library);
      return;
    case 'newaxis':
    case 'ellipsis':
      return;
    case 'mask':
      if (part.mask.shape.length === 0) {
        refuse(
          'a boolean scalar index (x[True], x[False]) cannot be inspected; index with an array instead',
        );
      }
      if (part.mask.data.some((value) => value !== 0 && value !== 1)) {
        refuse('a boolean mask index must hold only 0/1 (False/True)');
      }
      return;
    case 'array':
      if (part.array.data.some((value) => !Number.isInteger(value))) {
        refuse('arrays used as indices must be of integer (or boolean) type');
      }
      return;
    default:
      assertNever(part, 'index part');
  }
}

function checkSlice(
  part: { readonly start?: number; readonly stop?: number; readonly step?: number },
  library: IndexLibrary,
): void {
  const bounds = [part.start, part.stop, part.step];
  if (bounds.some((bound) => bound !== undefined && !Number.isInteger(bound))) {
    refuse('slice indices must be integers or None or have an __index__ method');
  }
  if (part.step === 0) {
    refuse('slice step cannot be zero');
  }
  if (library === 'torch' && part.step !== undefined && part.step < 0) {
    refuse('step must be greater than zero (PyTorch refuses negative slice steps; use torch.flip)');
  }
}

/** How many axes of the indexed tensor a part consumes. */
function consumed(part: IndexPart): number {
  switch (part.kind) {
    case 'integer':
    case 'slice':
    case 'array':
      return 1;
    case 'mask':
      return part.mask.shape.length;
    case 'newaxis':
    case 'ellipsis':
      return 0;
    default:
      return assertNever(part, 'index part');
  }
}

function expand(shape: Shape, parts: readonly IndexPart[], library: IndexLibrary): Entry[] {
  const used = parts.reduce((total, part) => total + consumed(part), 0);
  if (used > shape.length) {
    refuse(
      `too many indices for array: array is ${shape.length}-dimensional, but ${used} were indexed`,
    );
  }
  const strides = stridesOf(shape);
  // NumPy reads an integer as a 0-d integer array when the index holds any array.
  const advanced = parts.some((part) => part.kind === 'mask' || part.kind === 'array');
  const integersArePicked = advanced && library === 'numpy';
  const implicit: IndexPart = { kind: 'ellipsis' };
  const written = parts.some((part) => part.kind === 'ellipsis') ? parts : [...parts, implicit];
  const fill = shape.length - used;
  const axes = firstAxes(written, fill);
  // NumPy compares every mask's shape before it checks any integer's bounds.
  written.forEach((part, i) => {
    if (part.kind === 'mask') {
      checkMask(part.mask, axes[i] ?? 0, shape);
    }
  });
  const entries: Entry[] = [];
  written.forEach((part, i) => {
    const axis = axes[i] ?? 0;
    if (part.kind !== 'ellipsis') {
      entries.push(...partEntries(part, axis, shape, strides, integersArePicked));
      return;
    }
    if (fill === 0 && library === 'numpy' && part !== implicit) {
      entries.push({ kind: 'gap' });
    }
    for (let k = axis; k < axis + fill; k += 1) {
      entries.push(sliceEntry({}, shape[k] ?? 0, strides[k] ?? 0));
    }
  });
  return entries;
}

/** The first input axis each part indexes; the ellipsis covers `fill` axes. */
function firstAxes(parts: readonly IndexPart[], fill: number): number[] {
  let axis = 0;
  return parts.map((part) => {
    const first = axis;
    axis += part.kind === 'ellipsis' ? fill : consumed(part);
    return first;
  });
}

function checkMask(mask: Tensor, axis: number, shape: Shape): void {
  mask.shape.forEach((length, k) => {
    const indexed = shape[axis + k] ?? 0;
    if (length !== indexed) {
      refuse(
        `boolean index did not match indexed array along dimension ${axis + k}; dimension is ${indexed} but corresponding boolean dimension is ${length}`,
      );
    }
  });
}

function partEntries(
  part: Exclude<IndexPart, { readonly kind: 'ellipsis' }>,
  axis: number,
  shape: Shape,
  strides: readonly number[],
  integersArePicked: boolean,
): Entry[] {
  const length = shape[axis] ?? 0;
  const stride = strides[axis] ?? 0;
  switch (part.kind) {
    case 'integer': {
      // NumPy checks an integer's bounds at once, an array's after the arrays broadcast.
      const index = inBounds(part.value, axis, length);
      if (integersArePicked) {
        return [
          { kind: 'picked', picked: { axis, shape: [], positions: [index], length, stride } },
        ];
      }
      return [{ kind: 'fixed', offset: index * stride }];
    }
    case 'slice':
      return [sliceEntry(part, length, stride)];
    case 'newaxis':
      return [{ kind: 'newaxis' }];
    case 'array':
      return [
        {
          kind: 'picked',
          picked: { axis, shape: part.array.shape, positions: part.array.data, length, stride },
        },
      ];
    case 'mask':
      return maskEntries(part.mask, axis, strides);
    default:
      return assertNever(part, 'index part');
  }
}

function inBounds(index: number, axis: number, length: number): number {
  if (index < -length || index >= length) {
    refuse(`index ${index} is out of bounds for axis ${axis} with size ${length}`);
  }
  return index < 0 ? index + length : index;
}

/** Python's `slice.indices`: the positions a slice picks on an axis of `length`, clamped. */
export function slicePositions(
  part: { readonly start?: number; readonly stop?: number; readonly step?: number },
  length: number,
): number[] {
  const step = part.step ?? 1;
  const clamp = (bound: number | undefined, fallback: number): number => {
    if (bound === undefined) {
      return fallback;
    }
    const shifted = bound < 0 ? bound + length : bound;
    if (shifted < 0) {
      return step < 0 ? -1 : 0;
    }
    return shifted >= length ? (step < 0 ? length - 1 : length) : shifted;
  };
  const start = clamp(part.start, step < 0 ? length - 1 : 0);
  const stop = clamp(part.stop, step < 0 ? -1 : length);
  const positions: number[] = [];
  for (let at = start; step > 0 ? at < stop : at > stop; at += step) {
    positions.push(at);
  }
  return positions;
}

function sliceEntry(
  part: { readonly start?: number; readonly stop?: number; readonly step?: number },
  length: number,
  stride: number,
): Entry {
  return {
    kind: 'axis',
    offsets: Int32Array.from(slicePositions(part, length), (at) => at * stride),
  };
}

/** A mask over axes `axis…`: one integer array per axis, of its true positions (np.nonzero). */
function maskEntries(mask: Tensor, axis: number, strides: readonly number[]): Entry[] {
  const maskStrides = stridesOf(mask.shape);
  const trues: number[] = [];
  mask.data.forEach((value, flat) => {
    if (value === 1) {
      trues.push(flat);
    }
  });
  return mask.shape.map((_length, k) => {
    const maskStride = maskStrides[k] ?? 1;
    const length = mask.shape[k] ?? 1;
    const positions = trues.map((flat) => Math.floor(flat / maskStride) % length);
    const picked = {
      axis: axis + k,
      shape: [trues.length],
      positions,
      length,
      stride: strides[axis + k] ?? 0,
    };
    return { kind: 'picked', picked };
  });
}

/** The gather of the expanded index: its output axes in order, then every flat index. */
function gatherOf(entries: readonly Entry[]): IndexGather {
  const picked = entries.flatMap((entry) => (entry.kind === 'picked' ? [entry.picked] : []));
  const components = componentsOf(entries, picked);
  const shape = components.flatMap((component) => component.shape);
  refuseLarge(shape);
  const base = entries.reduce(
    (total, entry) => total + (entry.kind === 'fixed' ? entry.offset : 0),
    0,
  );
  let indices: Int32Array = Int32Array.of(base);
  for (const component of components) {
    indices = outerSum(indices, component.offsets);
  }
  return { kind: 'gather', shape, indices };
}

/** Output axes that vary together: one sliced axis, a new axis, or all the integer arrays' axes. */
interface Component {
  readonly shape: Shape;
  readonly offsets: Int32Array;
}

function componentsOf(entries: readonly Entry[], picked: readonly Picked[]): Component[] {
  const basic: (Component | 'advanced' | 'gap')[] = [];
  for (const entry of entries) {
    if (entry.kind === 'axis') {
      basic.push({ shape: [entry.offsets.length], offsets: entry.offsets });
    } else if (entry.kind === 'newaxis') {
      basic.push({ shape: [1], offsets: Int32Array.of(0) });
    } else if (entry.kind === 'gap') {
      basic.push('gap');
    } else if (entry.kind === 'picked' && basic[basic.length - 1] !== 'advanced') {
      basic.push('advanced');
    }
  }
  const advancedRuns = basic.filter((component) => component === 'advanced').length;
  const rest = basic.filter((component): component is Component => typeof component !== 'string');
  if (advancedRuns === 0) {
    return rest;
  }
  const block = advancedBlock(picked);
  if (advancedRuns > 1) {
    return [block, ...rest];
  }
  return basic.flatMap((component) =>
    component === 'advanced' ? [block] : component === 'gap' ? [] : [component],
  );
}

/** The integer arrays broadcast together: each output element's summed offset over their axes. */
function advancedBlock(picked: readonly Picked[]): Component {
  const shape = broadcastShapes(picked.map((one) => one.shape));
  if (shape === undefined) {
    // NumPy leaves integers and 0-d arrays out of the list: they broadcast with anything.
    const listed = picked
      .filter((one) => one.shape.length > 0)
      .map((one) => compactShapeText(one.shape));
    refuse(
      `shape mismatch: indexing arrays could not be broadcast together with shapes ${listed.join(' ')}`,
    );
  }
  refuseLarge(shape);
  const offsets = new Int32Array(sizeOf(shape));
  for (const one of picked) {
    addBroadcast(offsets, shape, one);
  }
  return { shape, offsets };
}

/** A shape as NumPy's broadcast message prints it: `(2,3)`, `(2,)`. */
function compactShapeText(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** Adds `one`'s indices, broadcast to `shape`, into `offsets`. */
function addBroadcast(offsets: Int32Array, shape: Shape, one: Picked): void {
  const indices = Int32Array.from(
    one.positions,
    (at) => inBounds(at, one.axis, one.length) * one.stride,
  );
  const rank = shape.length;
  const own = [...new Array<number>(rank - one.shape.length).fill(1), ...one.shape];
  const ownStrides = stridesOf(own).map((stride, axis) => ((own[axis] ?? 1) === 1 ? 0 : stride));
  const strides = stridesOf(shape);
  for (let flat = 0; flat < offsets.length; flat += 1) {
    let from = 0;
    for (let axis = 0; axis < rank; axis += 1) {
      const coordinate = Math.floor(flat / (strides[axis] ?? 1)) % (shape[axis] ?? 1);
      from += coordinate * (ownStrides[axis] ?? 0);
    }
    offsets[flat] = (offsets[flat] ?? 0) + (indices[from] ?? 0);
  }
}

/** Refuses a result too large to make, before it is allocated (as tensorBuilder's sizeProblem). */
function refuseLarge(shape: Shape): void {
  const size = sizeOf(shape);
  if (size > MAX_TENSOR_ELEMENTS) {
    refuse(
      `the index gives a tensor of shape ${shapeText(shape)} with ${size.toLocaleString('en-US')} elements; at most ${MAX_TENSOR_ELEMENTS.toLocaleString('en-US')} per tensor can be inspected`,
    );
  }
}

/** Every `a[i] + b[j]`, i outer: the row-major offsets of two output axis groups. */
function outerSum(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length * b.length);
  for (let i = 0; i < a.length; i += 1) {
    const base = a[i] ?? 0;
    for (let j = 0; j < b.length; j += 1) {
      out[i * b.length + j] = base + (b[j] ?? 0);
    }
  }
  return out;
}
