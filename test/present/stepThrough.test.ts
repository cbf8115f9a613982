import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inspectGraph } from '../../src/engine/inspect';
import type { InspectionResult } from '../../src/engine/result';
import {
  backwardEdgeState,
  backwardFrame,
  clampStep,
  edgeKey,
  forwardEdgeState,
  forwardFrame,
  forwardOrder,
  forwardValueKnown,
  moveStep,
  type StepCommand,
} from '../../src/present/stepThrough';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { mulberry32, randomGraph } from '../support/randomGraph';
import { REBINDING, SQUARED_ERROR, pythonInspection } from '../support/unusedInputs';

async function reference(): Promise<InspectionResult> {
  const inspection = await inspectionOf({
    source: REFERENCE_PYTHON,
    language: 'python',
    selection: linesRange(REFERENCE_PYTHON, 3, 4),
  });
  return inspection.result;
}

/** Node ids by name in a result. */
function ids(result: InspectionResult): Record<string, number> {
  return Object.fromEntries(result.nodes.map((node) => [node.name ?? node.label, node.id]));
}

describe('step-through', () => {
  let ref: InspectionResult;
  let id: Record<string, number>;
  before(async () => {
    ref = await reference();
    id = ids(ref);
  });

  describe('backward pass', () => {
    it('starts at ∂f/∂f = 1 and walks the reference example in backprop order', () => {
      const frames = ref.steps.map((_, index) => backwardFrame(ref, index)!);
      assert.deepEqual(
        frames.map((frame) => frame.explanation.equation),
        [
          '∂f/∂f = 1',
          '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · 3 = 3',
          '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · (−4) = −4',
          '∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4',
          '∂f/∂x = ∂f/∂q · ∂q/∂x = (−4) · 1 = −4',
        ],
      );
      assert.deepEqual(
        frames.map((frame) => frame.activeEdge),
        [
          undefined,
          edgeKey(id.f!, id.z!, 1),
          edgeKey(id.f!, id.q!, 0),
          edgeKey(id.q!, id.y!, 1),
          edgeKey(id.q!, id.x!, 0),
        ],
      );
      assert.deepEqual(
        frames.map((frame) => frame.activeNode),
        [id.f, id.z, id.q, id.y, id.x],
      );
      assert.equal(frames[0]?.explanation.title, 'Backward step 1 of 5');
    });

    it('names the upstream and the local gradient, with the local formula', () => {
      const frame = backwardFrame(ref, 3)!;
      assert.deepEqual(frame.explanation.details.slice(0, 2), [
        'upstream gradient ∂f/∂q = −4',
        'local gradient ∂q/∂y = 1',
      ]);
      assert.ok(frame.explanation.details.some((line) => line.startsWith('add gate')));
      assert.equal(backwardFrame(ref, 2)!.explanation.details[1], 'local gradient ∂f/∂q = z = −4');
      assert.match(backwardFrame(ref, 0)!.explanation.details[0]!, /^start:/);
    });

    it('knows the edges done before a step and the gradients known after it', () => {
      const frame = backwardFrame(ref, 3)!;
      assert.deepEqual(frame.doneEdges, [edgeKey(id.f!, id.z!, 1), edgeKey(id.f!, id.q!, 0)]);
      assert.deepEqual(
        [...frame.gradients].sort(([a], [b]) => a - b),
        [
          [id.y, -4],
          [id.q, -4],
          [id.z, 3],
          [id.f, 1],
        ].sort(([a], [b]) => a! - b!),
      );
      assert.equal(frame.gradients.has(id.x!), false, 'x is not reached yet');
      assert.equal(frame.upstreamNode, id.q);
    });

    it('marks each edge done, active or pending by its step; everything done when not stepping', () => {
      assert.equal(backwardEdgeState(1, 3), 'done');
      assert.equal(backwardEdgeState(3, 3), 'active');
      assert.equal(backwardEdgeState(4, 3), 'pending');
      assert.equal(backwardEdgeState(undefined, 3), 'pending');
      assert.equal(backwardEdgeState(4, null), 'done');
    });

    it('shows each contribution and the running sum at fan-out', async () => {
      const inspection = await inspectionOf({
        source: 'f = x * x + x',
        language: 'math',
        values: { x: 3 },
      });
      const result = inspection.result;
      const lines = result.steps.map(
        (_, index) => backwardFrame(result, index)!.explanation.details,
      );
      const fanOut = lines.flat().filter((line) => line.startsWith('fan-out'));
      assert.deepEqual(fanOut, [
        'fan-out: ∂f/∂x = 1 so far (use 1 of 3)',
        'fan-out: ∂f/∂x = 1 + 3 = 4 (use 2 of 3)',
        'fan-out: ∂f/∂x = 4 + 3 = 7 (use 3 of 3)',
      ]);
      assert.ok(lines.at(-1)!.some((line) => line.startsWith('copy gate')));
      assert.ok(
        backwardFrame(result, result.steps.length - 1)!.explanation.equation.startsWith(
          '∂f/∂x += ',
        ),
      );
    });

    it('clamps a position into range and has no frame without steps', () => {
      assert.equal(backwardFrame(ref, 99)!.index, 4);
      assert.equal(backwardFrame(ref, -3)!.index, 0);
      assert.equal(backwardFrame({ ...ref, steps: [] }, 0), undefined);
    });
  });

  describe('forward pass', () => {
    it('computes the operations in order with their values', () => {
      assert.deepEqual(forwardOrder(ref), [id.q, id.f]);
      assert.deepEqual(
        [0, 1].map((index) => forwardFrame(ref, index)!.explanation.equation),
        ['q = x + y = (−2) + 5 = 3', 'f = q × z = 3 × (−4) = −12'],
      );
    });

    it('knows which values exist and which edges are being combined', () => {
      const frame = forwardFrame(ref, 0)!;
      assert.equal(frame.activeNode, id.q);
      assert.deepEqual(frame.activeEdges, [edgeKey(id.q!, id.x!, 0), edgeKey(id.q!, id.y!, 1)]);
      assert.equal(forwardEdgeState(frame, id.q!), 'active');
      assert.equal(forwardEdgeState(frame, id.f!), 'pending');
      assert.equal(forwardValueKnown(frame, id.x!), true);
      assert.equal(forwardValueKnown(frame, id.q!), true);
      assert.equal(forwardValueKnown(frame, id.f!), false);
      assert.equal(forwardEdgeState(forwardFrame(ref, 1)!, id.q!), 'done');
    });

    it('writes unary minus and functions with their numbers', async () => {
      const inspection = await inspectionOf({
        source: 'f = exp(-x)',
        language: 'math',
        values: { x: 2 },
      });
      const { result } = inspection;
      const equations = forwardOrder(result).map(
        (_, index) => forwardFrame(result, index)!.explanation.equation,
      );
      assert.deepEqual(equations, ['−x = −(2) = −2', 'f = exp(−x) = exp(−2) = 0.135335']);
    });
  });

  describe('moving', () => {
    const check = (index: number | null, command: StepCommand, expected: number | null) =>
      assert.equal(moveStep(index, 5, command), expected, `${index} ${command}`);

    it('goes first, previous, next, last and stops at both ends', () => {
      check(null, 'next', 0);
      check(null, 'first', 0);
      check(null, 'last', 4);
      check(null, 'previous', 4);
      check(2, 'next', 3);
      check(4, 'next', 4);
      check(2, 'previous', 1);
      check(0, 'previous', 0);
      assert.equal(moveStep(0, 0, 'next'), null);
      assert.equal(clampStep(7, 3), 2);
      assert.equal(clampStep(1, 0), null);
    });

    it('every position reached by any commands is a valid step of a random graph', () => {
      const commands = fc.constantFrom<StepCommand>('first', 'previous', 'next', 'last');
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(commands), (seed, moves) => {
          const { graph, values } = randomGraph(mulberry32(seed), 3, 8);
          const result = inspectGraph(graph, values);
          let index: number | null = null;
          for (const move of moves) {
            index = moveStep(index, result.steps.length, move);
            const frame = backwardFrame(result, index ?? 0)!;
            assert.equal(frame.index, index ?? 0);
            assert.ok(frame.gradients.has(frame.activeNode));
          }
        }),
        { numRuns: 50 },
      );
    });
  });

  describe('inputs f does not use and constants', () => {
    it('never steps into a constant, and writes no NaN, at a negative base', async () => {
      const { result } = await pythonInspection(SQUARED_ERROR);
      const constants = new Set(
        result.nodes.filter((node) => node.kind === 'constant').map((node) => node.id),
      );
      assert.ok(constants.size > 0);
      for (let i = 0; i < result.steps.length; i += 1) {
        const frame = backwardFrame(result, i)!;
        assert.ok(!constants.has(frame.activeNode), `step ${i} into a constant`);
        const text = [frame.explanation.equation, ...frame.explanation.details].join('\n');
        assert.doesNotMatch(text, /NaN/, `step ${i}`);
        for (const [node, grad] of frame.gradients) {
          assert.ok(!constants.has(node) && Number.isFinite(grad), `gradient of ${node}`);
        }
      }
      for (let i = 0; i < forwardOrder(result).length; i += 1) {
        const frame = forwardFrame(result, i)!;
        assert.doesNotMatch(frame.explanation.equation, /NaN/);
      }
    });

    it('never steps into an input f does not use, nor into the intermediate only it feeds', async () => {
      const { result } = await pythonInspection(REBINDING[0]!.source);
      const visited = result.steps.map((step) => (step.kind === 'seed' ? step.node : step.to));
      assert.deepEqual(visited, [6, 1, 5, 3]);
    });
  });
});
