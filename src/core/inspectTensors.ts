/**
 * The pipeline's second half for code with arrays: the values of a tensor program's inputs
 * (typed arrays and numbers win over what the document gives), then the tensor engine.
 */
import { getOwn, setOwn } from '../engine/records';
import { sameShape, shapeText, sizeOf } from '../engine/tensor/shape';
import { scalarTensor, type Tensor } from '../engine/tensor/tensor';
import { tensorInputKey, type TensorInputNode } from '../engine/tensor/tensorIr';
import { inspectTensorGraph } from '../engine/tensor/tensorInspect';
import type { InspectionRequest, TensorProgram } from '../language/frontEnd';
import { readableMessage } from '../language/messageText';
import { answerInvariants, type InspectError, type InspectOutcome } from './inspectSource';

export function inspectTensorProgram(
  program: TensorProgram,
  request: InspectionRequest,
): InspectOutcome {
  const inputs = program.graph.nodes.filter(
    (node): node is TensorInputNode => node.kind === 'input',
  );
  const values: Record<string, Tensor> = {};
  const missing: TensorInputNode[] = [];
  for (const input of inputs) {
    const value = valueOf(input, program, request);
    if (value === undefined) {
      missing.push(input);
      continue;
    }
    if (!sameShape(value.shape, input.shape)) {
      return { ok: false, program, error: shapeError(input, value, program) };
    }
    setOwn(values, tensorInputKey(input), value);
  }
  if (missing.length > 0) {
    return { ok: false, program, error: unboundError(program, missing) };
  }
  const options = {
    steps: request.steps !== false,
    check: request.check === true,
    ...(request.outputNode === undefined ? {} : { output: request.outputNode }),
  };
  const ignoredValues = ignored(inputs, request);
  return answerInvariants(program, request, (check) => ({
    ok: true,
    kind: 'tensor',
    result: inspectTensorGraph(program.graph, values, { ...options, ...check }),
    program,
    values,
    ignoredValues,
  }));
}

/** A typed array, a typed number (for a scalar input), else the document's value. */
function valueOf(
  input: TensorInputNode,
  program: TensorProgram,
  request: InspectionRequest,
): Tensor | undefined {
  const key = tensorInputKey(input);
  const typedArray = getOwn(request.arrays ?? {}, key);
  if (typedArray !== undefined) {
    return typedArray;
  }
  const typedNumber = getOwn(request.values ?? {}, key);
  if (typedNumber !== undefined && sizeOf(input.shape) === 1) {
    return { shape: input.shape, data: scalarTensor(typedNumber).data };
  }
  return getOwn(program.bindings, key)?.value;
}

function shapeError(input: TensorInputNode, value: Tensor, program: TensorProgram): InspectError {
  const key = tensorInputKey(input);
  return {
    kind: 'unsupported',
    message: readableMessage(
      `the value given for ${key} has shape ${shapeText(value.shape)}; the code reads ${key} as ${shapeText(input.shape)}`,
    ),
    range: input.range ?? program.range,
  };
}

const MAX_NAMED = 10;

function unboundError(program: TensorProgram, missing: readonly TensorInputNode[]): InspectError {
  const names = missing.map(tensorInputKey);
  const named = names.slice(0, MAX_NAMED);
  const more = names.length > MAX_NAMED ? ` and ${names.length - MAX_NAMED} more` : '';
  const first = missing[0];
  const reference = program.references.find((entry) => entry.node === first?.id);
  return {
    kind: 'unbound',
    message: readableMessage(
      `no value for ${named.join(', ')}${more}: give ${names.length === 1 ? 'it' : 'them'} a value (e.g. # at: ${named.map((name) => `${name}=[1, 2, 3]`).join(', ')})`,
    ),
    range: reference?.range ?? first?.range ?? program.range,
    names,
  };
}

/** Typed names that set no input of this code. */
function ignored(inputs: readonly TensorInputNode[], request: InspectionRequest): string[] {
  const keys = new Set(inputs.map(tensorInputKey));
  const typed = [...Object.keys(request.values ?? {}), ...Object.keys(request.arrays ?? {})];
  return typed.filter((name) => !keys.has(name));
}
