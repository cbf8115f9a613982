/**
 * What a name or an expression holds while array code is read without running it: an array
 * (its value at the known inputs, and its graph node once it depends on an input), a Python
 * number or tuple known exactly, a module, a function defined in the file, an nn layer.
 */
import type { Tensor } from '../../../engine/tensor/tensor';
import type { SyntaxNode } from '../../code/treeSitter';
import type { IntegerKind } from './arrayIntegerType';

export type DType = 'float' | 'int' | 'bool';

/** Which library made an array: PyTorch tensors are inputs only with requires_grad. */
export type Library = 'numpy' | 'torch' | 'jax';

export interface ArrayValue {
  readonly kind: 'array';
  readonly value: Tensor;
  readonly dtype: DType;
  readonly library: Library;
  /** The graph node, once the array depends on an input; absent for a value the code fixes. */
  readonly node?: number;
  /** How it was written (a constant node's text). */
  readonly text: string;
  /** The line (0-based) it was made on, for messages. */
  readonly line: number;
  /** PyTorch: made with requires_grad=True (an input once it is assigned a name). */
  readonly requiresGrad?: boolean;
  /** Values that stand in for random ones: what the note says. */
  readonly sample?: string;
  /**
   * Given from outside (typed, `# at:`) with whole numbers only: its dtype is unknown, so it
   * may serve as integer indices or class labels (`y=[0, 2, 1]`).
   */
  readonly wholeNumbers?: boolean;
  /** A sized integer type (`uint8` labels): results wrap around its range as NumPy's do. */
  readonly integer?: IntegerKind;
}

export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
  readonly dtype: DType;
}

export interface Layer {
  readonly kind:
    'linear' | 'relu' | 'sigmoid' | 'tanh' | 'sequential' | 'mse' | 'l1' | 'cross_entropy';
  /** nn.Linear: (in, out) features and whether it has a bias. */
  readonly features?: readonly [number, number];
  readonly bias?: boolean;
  readonly layers?: readonly Layer[];
  readonly reduction?: 'mean' | 'sum' | 'none';
  /** Parameter values, drawn when the layer is made. */
  readonly weight?: Tensor;
  readonly biasValue?: Tensor;
  /** How it was made (`nn.Linear(3, 2)`), for notes. */
  readonly text?: string;
  /** Parameters the code set (`copy_`, `zero_`, `fill_`): their values are the code's. */
  readonly given?: ReadonlySet<'weight' | 'bias'>;
}

export type PyValue =
  | ArrayValue
  | NumberValue
  | { readonly kind: 'tuple'; readonly items: readonly PyValue[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'module'; readonly path: string }
  | { readonly kind: 'function'; readonly definition: SyntaxNode; readonly name: string }
  | {
      readonly kind: 'dtype';
      readonly dtype: DType;
      readonly text: string;
      readonly integer?: IntegerKind;
    }
  | { readonly kind: 'layer'; readonly layer: Layer; readonly name: string }
  | { readonly kind: 'generator'; readonly text: string };

export function numberValue(value: number, dtype: DType = 'float'): NumberValue {
  return { kind: 'number', value, dtype };
}

export function tupleOf(numbers: readonly number[]): PyValue {
  return { kind: 'tuple', items: numbers.map((value) => numberValue(value, 'int')) };
}

/** The type of a result from its operands': int and int stay int, anything with a float is float. */
export function joinTypes(types: readonly DType[]): DType {
  if (types.includes('float')) {
    return 'float';
  }
  return types.includes('int') ? 'int' : 'bool';
}

export function describe(value: PyValue): string {
  switch (value.kind) {
    case 'array':
      return 'an array';
    case 'number':
      return 'a number';
    case 'tuple':
      return 'a tuple';
    case 'none':
      return 'None';
    case 'string':
      return 'a string';
    case 'module':
      return `the module ${value.path}`;
    case 'function':
      return `the function ${value.name}`;
    case 'dtype':
      return `the dtype ${value.text}`;
    case 'layer':
      return `the layer ${value.name}`;
    case 'generator':
      return 'a random generator';
  }
}
