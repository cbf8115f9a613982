/**
 * The tensor graph as array code is read: each op's value is computed as it is read (so shapes,
 * indices and `if` conditions are known, define-by-run), and an op joins the graph only when an
 * operand depends on an input; everything else is folded into a value the code fixes. Shapes
 * that do not fit and tensors too large are refused here, naming the construct.
 */
import type { SourceRange } from '../../../engine/ir';
import { tensorOpRecord } from '../../../engine/tensor/ops';
import { sizeOf, type Shape } from '../../../engine/tensor/shape';
import { tensorOf, type Tensor } from '../../../engine/tensor/tensor';
import {
  matmulWork,
  sizeProblem,
  workProblem,
  TensorGraphBuilder,
  TensorShapeError,
  TensorSizeError,
} from '../../../engine/tensor/tensorBuilder';
import type { TensorOp } from '../../../engine/tensor/tensorOp';
import { CodeError } from '../../code/codeError';
import type { SourceLines } from '../../sourceLines';
import type { Span } from '../../span';
import type { ArrayValue, DType, Library } from './arrayValue';

/** Where an op is written and what its operands are called there, for messages. */
export interface Site {
  readonly text: string;
  readonly span: Span;
  /** How each operand is written (a name, or an expression). */
  readonly operands?: readonly string[];
}

export interface OpResult {
  readonly dtype: DType;
  readonly library: Library;
}

export class ArrayGraph {
  readonly builder = new TensorGraphBuilder();
  /** Elements of the values folded outside the graph, for the size limit on all tensors. */
  private folded = 0;
  /** Multiply-adds of the products folded outside the graph, for the limit on their work. */
  private foldedWork = 0;
  /** The name the next op written at `span` is given (the assignment it is the value of). */
  private naming:
    { readonly name: string; readonly version?: number; readonly span: Span } | undefined;
  private readonly constants = new WeakMap<Tensor, number>();
  /** Inside `with torch.no_grad():` ops make values only, never nodes. */
  noGrad = 0;

  constructor(readonly lines: SourceLines) {}

  rangeOf(span: Span): SourceRange {
    return this.lines.rangeOf(span);
  }

  /** The next op written exactly at `span` is named `name` (the value of `name = …`). */
  nameNext(name: string, version: number | undefined, span: Span): void {
    this.naming = { name, ...(version === undefined ? {} : { version }), span };
  }

  /** Refuses a tensor of `shape` before it is allocated; `text` names the construct. */
  claim(shape: Shape, span: Span, text?: string): void {
    const problem = sizeProblem(shape, this.folded);
    if (problem !== undefined) {
      throw new CodeError(
        'too-large',
        text === undefined ? problem : `\`${text}\`: ${problem}`,
        span,
      );
    }
    this.folded += sizeOf(shape);
  }

  /** A product folded outside the graph, checked for its work before it is computed. */
  private claimWork(work: number, site: Site): void {
    const problem = workProblem(work, this.foldedWork);
    if (problem !== undefined) {
      throw new CodeError('too-large', `\`${site.text}\`: ${problem}`, site.span);
    }
    this.foldedWork += work;
  }

  /** A tensor the code fixes, checked for size before `fill` allocates it. */
  fixed(shape: Shape, span: Span, text: string, fill: (size: number) => Float64Array): Tensor {
    this.claim(shape, span, text);
    return tensorOf(shape, fill(sizeOf(shape)));
  }

  /**
   * `op` over `operands`: its value, and its node when an operand has one. `origins` says where
   * each operand's value was made (`W from line 2`), for a shape mismatch.
   */
  apply(op: TensorOp, operands: readonly ArrayValue[], site: Site, result: OpResult): ArrayValue {
    const shapes = operands.map((operand) => operand.value.shape);
    const record = tensorOpRecord(op);
    const shape = record.shape(op, shapes);
    if (!Array.isArray(shape)) {
      throw this.mismatch(site, (shape as { readonly mismatch: string }).mismatch, operands);
    }
    const line = this.lines.lineOf(site.span.from);
    const unnamed = operands.find(
      (operand) => operand.requiresGrad === true && operand.node === undefined,
    );
    if (this.noGrad === 0 && unnamed !== undefined) {
      // PyTorch would differentiate this anonymous leaf; the tool names its inputs.
      throw new CodeError(
        'unsupported',
        `\`${site.text}\`: \`${unnamed.text}\` has requires_grad but no name of its own here: assign it to a name at the top level first (w = ${unnamed.text})`,
        site.span,
      );
    }
    if (this.noGrad > 0 || operands.every((operand) => operand.node === undefined)) {
      this.claim(shape, site.span, site.text);
      if (op.kind === 'matmul') {
        this.claimWork(matmulWork(shape, shapes), site);
      }
      const value = tensorOf(shape, record.forward(op, operands.map(valueOf), shape));
      // Sample values stay samples through what the code computes from them.
      const sample = operands.find((operand) => operand.sample !== undefined)?.sample;
      return {
        kind: 'array',
        value,
        ...result,
        text: site.text,
        line,
        ...(sample === undefined ? {} : { sample }),
      };
    }
    const ids = operands.map((operand) => this.nodeOf(operand));
    const node = this.opNode(op, ids, site, operands);
    const value = tensorOf(shape, record.forward(op, operands.map(valueOf), shape));
    return { kind: 'array', value, ...result, node, text: site.text, line };
  }

  /** The node of `value`: a constant node for a value the code fixes. */
  nodeOf(value: ArrayValue): number {
    if (value.node !== undefined) {
      return value.node;
    }
    // A name read several times holds one tensor: one constant node serves every use.
    const made = this.constants.get(value.value);
    if (made !== undefined) {
      return made;
    }
    const node = this.guard(() =>
      this.builder.constant(value.value, { text: value.text, ...noteOf(value) }),
    );
    this.constants.set(value.value, node);
    return node;
  }

  /** The constant node already made for this value, if any (for references). */
  constantOf(value: ArrayValue): number | undefined {
    return value.node ?? this.constants.get(value.value);
  }

  input(
    name: string,
    value: ArrayValue,
    meta: { readonly key?: string; readonly version?: number; readonly span: Span },
  ): number {
    return this.guard(() =>
      this.builder.input(name, value.value.shape, {
        ...(meta.key === undefined ? {} : { key: meta.key }),
        ...(meta.version === undefined ? {} : { version: meta.version }),
        range: this.rangeOf(meta.span),
        ...noteOf(value),
      }),
    );
  }

  private opNode(
    op: TensorOp,
    ids: readonly number[],
    site: Site,
    operands: readonly ArrayValue[],
  ): number {
    const naming = this.naming;
    const named =
      naming !== undefined &&
      naming.span.from === site.span.from &&
      naming.span.to === site.span.to;
    if (named) {
      this.naming = undefined;
    }
    const meta = {
      range: this.rangeOf(site.span),
      ...(named ? { name: naming.name } : {}),
      ...(named && naming.version !== undefined ? { version: naming.version } : {}),
    };
    try {
      return this.builder.op(op, ids, meta);
    } catch (error) {
      if (error instanceof TensorShapeError) {
        throw this.mismatch(site, error.message, operands);
      }
      if (error instanceof TensorSizeError) {
        throw new CodeError('too-large', `\`${site.text}\`: ${error.message}`, site.span);
      }
      throw error;
    }
  }

  private mismatch(site: Site, mismatch: string, operands: readonly ArrayValue[]): CodeError {
    const origins = operands.flatMap((operand, i) => {
      const written = site.operands?.[i];
      return written !== undefined && /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(written)
        ? [`${written} from line ${operand.line + 1}`]
        : [];
    });
    const where = origins.length === 0 ? '' : ` (${origins.join(', ')})`;
    return new CodeError('unsupported', `\`${site.text}\`: ${mismatch}${where}`, site.span);
  }

  private guard<T>(make: () => T): T {
    try {
      return make();
    } catch (error) {
      if (error instanceof TensorSizeError) {
        throw new CodeError('too-large', error.message, { from: 0, to: 0 });
      }
      throw error;
    }
  }
}

function valueOf(operand: ArrayValue): Tensor {
  return operand.value;
}

function noteOf(value: ArrayValue): { readonly note?: string } {
  return value.sample === undefined ? {} : { note: value.sample };
}
