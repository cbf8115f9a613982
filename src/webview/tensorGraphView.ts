/**
 * The drawn graph of a result of code with arrays, with the scalar graph's tools: drawTensorGraph's
 * SVG (nodes with their shapes, heat maps of values and gradients on the edges, reductions
 * marked) in the panel's GraphView (pan, zoom, minimap, the direction button: top to bottom
 * draws shapes and reductions, no heat maps), and a toolbar of fit, zoom, expand or collapse
 * every group, find, and PNG export. Groups (a layer's or function's call, a loop iteration)
 * collapse and expand by their label or box, as in the scalar graph. SVG and DOT are not
 * offered: the host exports only scalar graphs. Clicking a node selects it (`selectNode`, the
 * hook the node details open from); the same document drawn again keeps the view.
 */
import type { InspectionResult } from '../engine/result';
import { drawTensorGraph } from '../present/graph/drawTensorGraph';
import type { DrawOptions } from '../present/graph/drawGraph';
import { allGroups, isFolded, openedTo, openingCollapsed } from '../present/graph/groupFolding';
import { tensorAsScalars } from '../present/graph/tensorModel';
import type { PanelTensorInspection } from '../protocol/protocol';
import { h } from './dom';
import type { ExportFormat, Exporter } from './exporter';
import { Finder } from './finder';
import { groupOf, nodeOf } from './graphTargets';
import { GraphView } from './graphView';
import { GraphTools } from './toolbar';

export interface TensorGraphEvents {
  /** A node of the drawing was clicked or chosen with the keyboard. */
  readonly selectNode: (node: number) => void;
}

/** What is drawn: the inspection, and the same result as the scalar graph's parts read it. */
interface Shown {
  readonly inspection: PanelTensorInspection;
  readonly scalars: InspectionResult;
  readonly precision: number;
}

export class TensorGraphView {
  private readonly graph = new GraphView();
  private readonly finder: Finder;
  private readonly tools: GraphTools;
  readonly element: HTMLElement;
  private shown: Shown | undefined;
  /** Groups drawn collapsed; kept while the same document is drawn again. */
  private collapsed = new Set<number>();
  private selected: number | undefined;
  private key = '';

  constructor(
    private readonly events: TensorGraphEvents,
    private readonly nonce: string | undefined,
    private readonly exporter: Exporter,
  ) {
    this.finder = new Finder(this.graph, (node) => this.folded(node));
    this.tools = new GraphTools(
      {
        fit: () => this.graph.fit(),
        zoom: (factor) => this.graph.zoomBy(factor),
        setAllCollapsed: (collapse) => this.setAllCollapsed(collapse),
        find: (text, next) => this.find(text, next),
        exportAs: (format) => void this.exportAs(format),
      },
      ['png'],
    );
    const toolbar = h(
      'div',
      { class: 'gl-toolbar', attrs: { role: 'toolbar', 'aria-label': 'tensor graph' } },
      [
        h('div', { class: 'gl-group', attrs: { role: 'group', 'aria-label': 'view' } }, [
          ...this.tools.view,
        ]),
        h('div', { class: 'gl-group', attrs: { role: 'group', 'aria-label': 'export' } }, [
          ...this.tools.exports,
        ]),
      ],
    );
    this.element = h('div', { class: 'gl-tensor-graph', attrs: { id: 'gl-tensor-graph' } }, [
      toolbar,
      this.graph.element,
    ]);
    this.graph.followDirection(() => this.draw(false));
    this.graph.element.addEventListener('click', (event) => this.pick(event.target));
    this.graph.element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        if (this.pick(event.target)) {
          event.preventDefault();
        }
      }
    });
  }

  render(inspection: PanelTensorInspection, precision: number): void {
    const { result } = inspection;
    const scalars = tensorAsScalars(result);
    const key = [inspection.uri, result.nodes.length, result.output.id].join('|');
    const same = key === this.key;
    if (!same) {
      this.collapsed = openingCollapsed(scalars, false);
      this.selected = undefined;
    }
    this.key = key;
    this.shown = { inspection, scalars, precision };
    this.draw(same);
  }

  /** Marks the node as selected and scrolls it into view, opening the groups around it. */
  select(node: number): void {
    this.selected = node;
    if (this.openTo(node)) {
      this.draw(true);
    }
    this.markSelected();
    this.graph.reveal(node);
  }

  /** The graph's keys (zoom, fit, find, expand and collapse all); true when the key was one. */
  handleKey(event: KeyboardEvent): boolean {
    const actions: Readonly<Record<string, () => void>> = {
      '+': () => this.graph.zoomBy(1.25),
      '=': () => this.graph.zoomBy(1.25),
      '-': () => this.graph.zoomBy(1 / 1.25),
      '0': () => this.graph.fit(),
      '/': () => this.element.querySelector<HTMLInputElement>('#gl-find')?.focus(),
      e: () => this.setAllCollapsed(false),
      c: () => this.setAllCollapsed(true),
    };
    const action = actions[event.key];
    if (action === undefined || this.shown === undefined) {
      return false;
    }
    event.preventDefault();
    action();
    return true;
  }

  private drawOptions(): Omit<DrawOptions, 'precision'> {
    return {
      colors: 'theme',
      collapsed: this.collapsed,
      direction: this.graph.direction,
      ...(this.nonce === undefined ? {} : { nonce: this.nonce }),
    };
  }

  /** Draws the shown result; `keepView`: the same graph changed (numbers, a group folded). */
  private draw(keepView: boolean): void {
    const shown = this.shown;
    if (shown === undefined) {
      return;
    }
    const drawing = drawTensorGraph(shown.inspection.result, {
      ...this.drawOptions(),
      precision: shown.precision,
    });
    this.graph.show(drawing.svg, drawing.width, drawing.height, drawing.layout, keepView);
    this.markSelected();
    this.finder.refresh(shown.scalars);
    this.tools.update(this.finder.status(), shown.scalars.groups?.length ?? 0);
  }

  private markSelected(): void {
    for (const [id, element] of this.graph.nodes) {
      element.classList.toggle('gl-node--selected', id === this.selected);
    }
  }

  /** A click or Enter on a group's label or box toggles it, on a node selects it. */
  private pick(target: EventTarget | null): boolean {
    const group = groupOf(target);
    if (group !== undefined) {
      this.toggleGroup(group);
      return true;
    }
    const node = nodeOf(target);
    if (node !== undefined) {
      this.events.selectNode(node);
      return true;
    }
    return false;
  }

  private toggleGroup(group: number): void {
    if (!this.collapsed.delete(group)) {
      this.collapsed.add(group);
    }
    this.draw(true);
    this.graph.focusGroup(group);
  }

  private setAllCollapsed(collapse: boolean): void {
    const scalars = this.shown?.scalars;
    if (scalars !== undefined) {
      this.collapsed = collapse ? allGroups(scalars) : new Set();
      this.draw(true);
    }
  }

  private folded(node: number): boolean {
    const scalars = this.shown?.scalars;
    return scalars !== undefined && isFolded(scalars, this.collapsed, node);
  }

  /** Opens the collapsed groups around `node`; true when any was. */
  private openTo(node: number): boolean {
    const scalars = this.shown?.scalars;
    const opened = scalars === undefined ? undefined : openedTo(scalars, this.collapsed, node);
    if (opened === undefined) {
      return false;
    }
    this.collapsed = opened;
    return true;
  }

  private find(text: string, next: boolean): void {
    const scalars = this.shown?.scalars;
    const id = this.finder.find(scalars, text, next);
    if (id !== undefined) {
      this.select(id);
    }
    this.tools.update(this.finder.status(), scalars?.groups?.length ?? 0);
  }

  private async exportAs(format: ExportFormat): Promise<void> {
    const shown = this.shown;
    if (shown === undefined) {
      return;
    }
    // As the scalar graph's: the whole graph, left to right, whatever the view.
    await this.exporter.export(format, {
      draw: (view) => drawTensorGraph(shown.inspection.result, view),
      precision: shown.precision,
      hideConstants: false,
      hideOffPath: false,
    });
  }
}
