/**
 * The drawing host: draws the inspection into the graph view with the same code as
 * `gradient-lens --svg`, keeps the user's pan and zoom while the picture keeps its shape, and
 * asks before drawing a graph too big to draw quickly.
 */
import { drawGraph } from '../present/graph/drawGraph';
import { ASK_BEFORE_DRAWING_NODES } from '../protocol/messages';
import type { PanelInspection, PanelSettings } from '../protocol/protocol';
import type { GraphView } from './graphView';

export interface DrawingFilters {
  readonly hideConstants: boolean;
  readonly hideOffPath: boolean;
  readonly collapsed?: ReadonlySet<number>;
}

export class DrawingHost {
  private drawingKey = '';
  /** The document whose big graph the user agreed to have drawn. */
  private drawAgreed: string | undefined;
  /** What was drawn last, drawn again when the layout's direction changes. */
  private last:
    | {
        readonly inspection: PanelInspection;
        readonly settings: PanelSettings;
        readonly filters: DrawingFilters;
      }
    | undefined;

  constructor(
    private readonly graph: GraphView,
    private readonly nonce: string | undefined,
    /** The user agreed to have a big graph drawn: draw it (now without asking) and mark it. */
    private readonly agreed: () => void,
  ) {
    graph.followDirection(() => {
      if (this.last !== undefined) {
        this.draw(this.last.inspection, this.last.settings, this.last.filters);
      }
    });
  }

  draw(inspection: PanelInspection, settings: PanelSettings, filters: DrawingFilters): void {
    this.last = { inspection, settings, filters };
    const { result } = inspection;
    const direction = this.graph.direction;
    const limit = settings.askBeforeDrawing ?? ASK_BEFORE_DRAWING_NODES;
    if (result.nodes.length > limit && this.drawAgreed !== inspection.uri) {
      this.askBeforeDrawing(inspection);
      return;
    }
    const drawing = drawGraph(result, {
      precision: settings.precision,
      colors: 'theme',
      hideConstants: filters.hideConstants,
      hideOffPath: filters.hideOffPath,
      direction,
      ...(filters.collapsed === undefined ? {} : { collapsed: filters.collapsed }),
      ...(this.nonce === undefined ? {} : { nonce: this.nonce }),
    });
    // Same document, same graph shape, same filters: keep the user's pan and zoom.
    const key = [
      inspection.uri,
      result.nodes.length,
      result.output.id,
      filters.hideConstants,
      filters.hideOffPath,
      direction,
    ].join('|');
    this.graph.show(
      drawing.svg,
      drawing.width,
      drawing.height,
      drawing.layout,
      key === this.drawingKey,
    );
    this.drawingKey = key;
  }

  /** The table, steps and details work without the drawing; only the drawing waits. */
  private askBeforeDrawing(inspection: PanelInspection): void {
    const count = inspection.result.nodes.length.toLocaleString('en-US');
    this.drawingKey = '';
    this.graph.ask(
      `This graph has ${count} nodes. Drawing it may take a while and a lot of memory; ` +
        'the inputs table and the step-through work without it.',
      'Draw the graph',
      () => {
        this.drawAgreed = inspection.uri;
        this.agreed();
      },
    );
  }
}
