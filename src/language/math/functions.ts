/**
 * Which function names math notation knows, and the engine op each one means: the op records'
 * `math` spellings.
 */
import type { OpName } from '../../engine/opName';
import { FAMILIES } from '../../engine/opSpec';
import { OPS } from '../../engine/ops';

export interface MathFunction {
  readonly op: OpName;
  /** `σ`/`sigma` is the sigmoid only when called with parentheses; otherwise it is a name. */
  readonly parensOnly: boolean;
}

/** Each op's names, the one most people write first. */
const SPELLED = Object.values(OPS).map((spec) => ({
  spec,
  names: spec.spellings?.math?.split(' ') ?? [],
}));

const TABLE = new Map<string, MathFunction>(
  SPELLED.flatMap(({ spec, names }) =>
    names.map((name) => {
      const parensOnly = name.endsWith('()');
      return [parensOnly ? name.slice(0, -2) : name, { op: spec.name, parensOnly }] as const;
    }),
  ),
);

export function lookupFunction(name: string): MathFunction | undefined {
  return TABLE.get(name);
}

/** For messages: every function by its first name, grouped by family. */
export const SUPPORTED_FUNCTIONS = FAMILIES.map((family) =>
  SPELLED.filter(({ spec, names }) => spec.family === family && names.length > 0)
    .map(({ names }) => names[0])
    .join(', '),
)
  .filter((group) => group.length > 0)
  .join('; ');
