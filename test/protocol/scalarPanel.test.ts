/**
 * The scalar result in the panel's form (src/protocol/scalarPanel.ts): a big graph's repeated
 * shapes are grouped where the snapshot is made, so the page receives the groups ready.
 */
import assert from 'node:assert/strict';
import { COLLAPSE_ABOVE_NODES } from '../../src/present/graph/groupFolding';
import { parseHostMessage, snapshotMessage } from '../../src/protocol/messages';
import type { PanelInspection } from '../../src/protocol/protocol';
import { withRepeatedShapes } from '../../src/protocol/repeatedShapes';
import { SHAPE_GROUPS_ABOVE_NODES, scalarPanelResult } from '../../src/protocol/scalarPanel';
import { inspectionOf } from '../support/inspections';
import { writtenOutNeurons } from '../support/writtenOutNeurons';

async function panelInspection(neurons: number): Promise<PanelInspection> {
  const inspection = await inspectionOf({ source: writtenOutNeurons(neurons), language: 'python' });
  return {
    uri: 'file:///work/layer.py',
    fileName: 'layer.py',
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: { selection: inspection.program.range, values: {} },
  };
}

/** The snapshot as the page reads it off the wire. */
function received(inspection: PanelInspection): PanelInspection {
  const parsed = parseHostMessage(
    JSON.parse(JSON.stringify(snapshotMessage(inspection, { precision: 6 }, undefined))),
  );
  assert.ok(parsed.ok && parsed.message.type === 'snapshot', parsed.ok ? '' : parsed.problem);
  assert.ok(parsed.message.inspection !== null);
  return parsed.message.inspection;
}

describe("the scalar result in the panel's form: repeated shapes grouped before the page", function () {
  this.timeout(20_000);

  it('groups shapes above the same size as the panel opens collapsed', () => {
    assert.equal(SHAPE_GROUPS_ABOVE_NODES, COLLAPSE_ABOVE_NODES);
  });

  it('sends a big graph with its repeated shapes as groups, its nodes unchanged', async () => {
    const layer = await panelInspection(40);
    assert.ok(layer.result.nodes.length > SHAPE_GROUPS_ABOVE_NODES);
    assert.equal(layer.result.groups, undefined, 'the reading itself has no groups');
    const { result } = received(layer);
    assert.equal(result.groups?.length, 41);
    assert.equal(result.groups?.[0]?.label, '40 × tanh(· × · + · × · + ·)');
    assert.deepEqual(
      result.nodes.map(({ group: _group, ...node }) => node),
      layer.result.nodes.map(({ group: _group, ...node }) => node),
    );
    const n17 = result.nodes.find((node) => node.name === 'n17')!;
    assert.equal(result.groups?.[n17.group!]?.parent, 0, 'each neuron is a box in the family');
  });

  it('gives a live update (new values, the same code) the groups of the same structure', async () => {
    const source = writtenOutNeurons(40);
    const before = (await inspectionOf({ source, language: 'python' })).result;
    const after = (await inspectionOf({ source, language: 'python', values: { x0: 2 } })).result;
    assert.notEqual(after.value, before.value);
    scalarPanelResult(before);
    const shown = scalarPanelResult(after);
    assert.deepEqual(shown, withRepeatedShapes(after), 'as if grouped afresh');
    assert.equal(shown.value, after.value);
  });

  it('groups a result of another structure afresh, and one without repeats as it is', async () => {
    const forty = (await inspectionOf({ source: writtenOutNeurons(40), language: 'python' }))
      .result;
    const other = (await inspectionOf({ source: writtenOutNeurons(41), language: 'python' }))
      .result;
    scalarPanelResult(forty);
    assert.equal(scalarPanelResult(other).groups?.[0]?.label, '41 × tanh(· × · + · × · + ·)');
    const sum = (
      await inspectionOf({
        source: `x = 2\nf = ${Array.from({ length: 80 }, (_, i) => `${i + 1} * x`).join(' + ')}\n`,
        language: 'python',
      })
    ).result;
    assert.ok(sum.nodes.length > SHAPE_GROUPS_ABOVE_NODES);
    assert.equal(scalarPanelResult(sum), sum, 'nothing repeats: the result itself');
    assert.equal(scalarPanelResult(sum), sum, 'and again, from the last one');
  });

  it('sends a graph of at most 150 nodes as it is', async () => {
    const small = await panelInspection(3);
    assert.ok(small.result.nodes.length <= SHAPE_GROUPS_ABOVE_NODES);
    assert.equal(scalarPanelResult(small.result), small.result);
    assert.equal(received(small).result.groups, undefined);
  });
});
