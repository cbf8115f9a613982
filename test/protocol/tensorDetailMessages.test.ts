/**
 * The messages of a tensor node's details: the page's requests and the host's answers are
 * checked as every message is (malformed ones dropped with the problem), NaN and ∞ cross the
 * wire, and the host's windows hold the elements asked for (any two axes, a slice of the
 * others, clipped to the tensor) or say why not.
 */
import { strict as assert } from 'node:assert';
import { TensorGraphBuilder } from '../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../src/engine/tensor/tensorInspect';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol/messages';
import type { HostMessage } from '../../src/protocol/protocol';
import { tensorDetailsReply, tensorWindow } from '../../src/protocol/tensorDetailAnswers';
import type { TensorWindowRequest } from '../../src/protocol/tensorDetailMessages';
import { toWire } from '../../src/protocol/wire';

/** L = Σ T ⊙ T with T (2, 3, 4) = 0, 1, …, 23; a NaN at T[1, 2, 3]. */
function result() {
  const b = new TensorGraphBuilder();
  const t = b.input('T', [2, 3, 4]);
  const square = b.op({ kind: 'elementwise', op: 'mul' }, [t, t]);
  const loss = b.op({ kind: 'sum', axes: null, keepdims: false }, [square], { name: 'L' });
  const data = Float64Array.from({ length: 24 }, (_, k) => k);
  data[23] = NaN;
  return inspectTensorGraph(b.build(loss), { T: { shape: [2, 3, 4], data } }, {});
}

const request: TensorWindowRequest = {
  request: 7,
  node: 0,
  field: 'value',
  axes: [0, 2],
  fixed: [2],
  rows: { start: 0, count: 10 },
  cols: { start: 1, count: 2 },
};

describe('tensor details messages', () => {
  it('the page’s requests parse; a malformed one is dropped with its problem', () => {
    const window = parseWebviewMessage({ type: 'tensorWindow', ...request });
    assert.ok(window.ok);
    const chain = parseWebviewMessage({ type: 'elementChain', request: 1, node: 0, index: [1] });
    assert.ok(chain.ok);
    const bad = parseWebviewMessage({ type: 'tensorWindow', ...request, rows: { start: -1 } });
    assert.deepEqual(bad, { ok: false, problem: 'tensorWindow.rows.start: a whole number ≥ 0' });
    const noIndex = parseWebviewMessage({ type: 'elementChain', request: 1, node: 0 });
    assert.equal(noIndex.ok, false);
  });

  it('a window holds the slice asked for, clipped, and NaN crosses the wire', () => {
    const inspected = result();
    const window = tensorWindow(inspected, request);
    assert.ok(!('problem' in window));
    // Rows are axis 0 (2 of them), columns axis 2 from 1 (2 of them), axis 1 at 2:
    // T[r, 2, c] = 12 r + 8 + c.
    assert.deepEqual(window.rows, { start: 0, count: 2 });
    assert.deepEqual(window.values, [9, 10, 21, 22]);
    const last = tensorWindow(inspected, { ...request, cols: { start: 3, count: 5 } });
    assert.ok(!('problem' in last));
    assert.deepEqual(last.values, [11, NaN]);
    const reply = tensorDetailsReply(inspected, {
      type: 'tensorWindow',
      ...request,
      cols: { start: 3, count: 1 },
    });
    const parsed = parseHostMessage(JSON.parse(JSON.stringify(toWire(reply))));
    assert.ok(parsed.ok && parsed.message.type === 'tensorWindow');
    assert.deepEqual(parsed.message.window.values, [11, NaN]);
  });

  it('the gradient window: ∂L/∂T = 2T', () => {
    const window = tensorWindow(result(), { ...request, field: 'grad', axes: [1, 2], fixed: [0] });
    assert.ok(!('problem' in window));
    // Rows axis 1, columns 1 and 2 of axis 2, axis 0 at 0: 2 T[0, r, c] = 2 (4r + c).
    assert.deepEqual(window.values.slice(0, 4), [2, 4, 10, 12]);
  });

  it('says why a window cannot be given', () => {
    const inspected = result();
    const problem = (asked: Partial<TensorWindowRequest>) => {
      const window = tensorWindow(inspected, { ...request, ...asked });
      return 'problem' in window ? window.problem : undefined;
    };
    assert.equal(problem({ axes: [0, 0] }), 'T (2, 3, 4): shows 2 axes, not [0, 0]');
    assert.equal(problem({ axes: [0, 3] }), 'T (2, 3, 4): has no axis 3');
    assert.equal(problem({ fixed: [3] }), 'T (2, 3, 4): index 3 is out of range');
    assert.equal(
      problem({ fixed: [] }),
      'T (2, 3, 4): needs an index for each of its 1 other axes',
    );
    assert.equal(problem({ node: 99 }), 'there is no node #99');
    const none = tensorDetailsReply(undefined, {
      type: 'elementChain',
      request: 3,
      node: 0,
      index: [0, 0, 0],
    });
    assert.equal(none.type, 'tensorRequestFailed');
  });

  it('an element’s chain rule crosses the wire and parses; a window whose values do not fill it is dropped', () => {
    const reply = tensorDetailsReply(result(), {
      type: 'elementChain',
      request: 4,
      node: 0,
      index: [0, 1, 2],
    });
    const parsed = parseHostMessage(JSON.parse(JSON.stringify(toWire(reply))));
    assert.ok(parsed.ok && parsed.message.type === 'elementChain');
    assert.equal(parsed.message.chain.name, 'T[0, 1, 2]');
    // T[0, 1, 2] = 6: two uses by T ⊙ T, each giving T = 6.
    assert.deepEqual(
      parsed.message.chain.steps.map((step) => step.recorded),
      [6, 6],
    );
    assert.equal(parsed.message.chain.grad, 12);
    const broken: HostMessage = {
      type: 'tensorWindow',
      request: 1,
      window: { ...request, values: [1, 2, 3] },
    };
    const dropped = parseHostMessage(toWire(broken));
    assert.equal(dropped.ok, false);
  });
});
