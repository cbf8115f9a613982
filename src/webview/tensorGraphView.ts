/**
 * The drawn graph of a result of code with arrays: drawTensorGraph's SVG (nodes with their
 * shapes, heat maps of values and gradients on the edges, reductions marked) in the panel's
 * pannable, zoomable graph view. Clicking a node selects it (`selectNode`, the hook the node
 * details open from); the same document drawn again with the same nodes keeps the view.
 */
import { drawTensorGraph } from '../present/graph/drawTensorGraph';
import type { PanelTensorInspection } from '../protocol/protocol';
import { h } from './dom';
import { GraphView } from './graphView';

export interface TensorGraphEvents {
  /** A node of the drawing was clicked or chosen with the keyboard. */
  readonly selectNode: (node: number) => void;
}

export class TensorGraphView {
  private readonly graph = new GraphView();
  readonly element = h('div', { class: 'gl-tensor-graph', attrs: { id: 'gl-tensor-graph' } }, [
    this.graph.element,
  ]);
  private key = '';

  constructor(
    private readonly events: TensorGraphEvents,
    private readonly nonce: string | undefined,
  ) {
    this.graph.element.addEventListener('click', (event) => {
      const node = nodeOf(event.target);
      if (node !== undefined) {
        this.events.selectNode(node);
      }
    });
    this.graph.element.addEventListener('keydown', (event) => {
      const node = nodeOf(event.target);
      if (node !== undefined && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.events.selectNode(node);
      }
    });
  }

  render(inspection: PanelTensorInspection, precision: number): void {
    const { result } = inspection;
    const drawing = drawTensorGraph(result, {
      precision,
      colors: 'theme',
      ...(this.nonce === undefined ? {} : { nonce: this.nonce }),
    });
    const key = [inspection.uri, result.nodes.length, result.output.id].join('|');
    this.graph.show(drawing.svg, drawing.width, drawing.height, drawing.layout, key === this.key);
    this.key = key;
  }

  /** Marks the node as selected and scrolls it into view. */
  select(node: number): void {
    for (const [id, element] of this.graph.nodes) {
      element.classList.toggle('gl-node--selected', id === node);
    }
    this.graph.reveal(node);
  }
}

function nodeOf(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) {
    return undefined;
  }
  const node = target.closest<SVGGElement>('g.gl-node');
  const id = node?.dataset.node;
  return id === undefined ? undefined : Number(id);
}
