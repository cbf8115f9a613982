/**
 * A stand-in for dist/engine.js that answers every request with a tensor outcome, so that the
 * worker's transport of tensors is tested without the tensor engine: `relu` gives the
 * hand-written result of support/reluTensor, `chain` one of 2,500 nodes (sliced, as large
 * outcomes are) with a million-element input and one gradient buffer shared by every node.
 */
import type { InspectOutcome } from '../../src/core/inspectSource';
import type { TensorInspectionResult, TensorNodeView } from '../../src/engine/tensor/tensorResult';
import type { InspectionRequest } from '../../src/language/frontEnd';
import { reluInspection } from '../support/reluTensor';

export const CHAIN_NODES = 2_500;
export const BIG_ELEMENTS = 1_000_000;

export function fakeOutcome(request: Pick<InspectionRequest, 'source'>): InspectOutcome {
  const inspection = reluInspection();
  const result = request.source === 'chain' ? chainResult() : inspection.result;
  return {
    ok: true,
    kind: 'tensor',
    result,
    program: inspection.program,
    values: { x: { shape: [BIG_ELEMENTS], data: bigInput() } },
    ignoredValues: [],
  };
}

export function inspectSource(request: InspectionRequest): Promise<InspectOutcome> {
  return Promise.resolve(fakeOutcome(request));
}

function bigInput(): Float64Array {
  return Float64Array.from({ length: BIG_ELEMENTS }, (_, i) => i / BIG_ELEMENTS);
}

function chainResult(): TensorInspectionResult {
  const shared = Float64Array.of(0.5, -0.25);
  const nodes: TensorNodeView[] = Array.from({ length: CHAIN_NODES }, (_, id) => ({
    id,
    kind: id === 0 ? 'input' : 'op',
    ...(id === 0 ? {} : { op: { kind: 'elementwise', op: 'tanh' } as const }),
    symbol: id === 0 ? 'x' : 'tanh',
    label: id === 0 ? 'x' : `t${id}`,
    operands: id === 0 ? [] : [id - 1],
    shape: [2],
    value: Float64Array.of(id, -id),
    grad: shared,
    rules: [],
    uses: id === CHAIN_NODES - 1 ? 0 : 1,
  }));
  return {
    kind: 'tensor',
    output: { id: CHAIN_NODES - 1, name: 'y', value: 1 },
    value: 1,
    grads: { x: { shape: [2], data: shared } },
    inputs: [{ id: 0, name: 'x', shape: [2], value: Float64Array.of(0, -0), grad: shared }],
    unused: [],
    nodes,
    steps: [{ kind: 'seed', index: 0, node: CHAIN_NODES - 1, shape: [2] }],
  };
}
