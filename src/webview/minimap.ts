/**
 * The overview of a graph larger than the panel: every node as a dot of its box, the part in
 * view as a rectangle; a click or drag on it moves the view there. Drawn on a canvas (a
 * 2,000-node graph is one pass of fillRect) and hidden while the whole drawing is in view.
 */
import type { GraphLayout } from '../present/graph/drawGraph';
import { h } from './dom';

/** The overview's largest size, in CSS pixels; a very wide or tall graph is squeezed to fit. */
const MAX_WIDTH = 128;
const MAX_HEIGHT = 80;
/** Its smallest side: a thin strip would be too small to click. */
const MIN_SIDE = 32;

/** The visible part of the drawing, in the drawing's own units. */
export interface VisibleArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export class Minimap {
  readonly element: HTMLCanvasElement;
  private layout: GraphLayout | undefined;
  /** Drawing units per overview pixel, across and down. */
  private scaleX = 1;
  private scaleY = 1;
  private dragging: number | undefined;

  /** `moveTo` centres the view on a point of the drawing (its units). */
  constructor(private readonly moveTo: (x: number, y: number) => void) {
    this.element = h('canvas', {
      class: 'gl-minimap',
      attrs: { hidden: '', 'aria-hidden': 'true', title: 'overview: click or drag to move' },
    });
    this.element.addEventListener('pointerdown', (event) => this.pointerDown(event));
    this.element.addEventListener('pointermove', (event) => this.pointerMove(event));
    this.element.addEventListener('pointerup', (event) => this.pointerUp(event));
    this.element.addEventListener('pointercancel', (event) => this.pointerUp(event));
  }

  /** A new drawing: its overview is drawn again on the next `update`. */
  setLayout(layout: GraphLayout | undefined): void {
    this.layout = layout;
  }

  /** Shown only when part of the drawing is out of view; then the view's rectangle redrawn. */
  update(visible: VisibleArea): void {
    const layout = this.layout;
    if (
      layout === undefined ||
      layout.width === 0 ||
      layout.height === 0 ||
      covers(visible, layout)
    ) {
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    const fit = Math.max(layout.width / MAX_WIDTH, layout.height / MAX_HEIGHT);
    const width = Math.round(Math.max(MIN_SIDE, layout.width / fit));
    const height = Math.round(Math.max(MIN_SIDE, layout.height / fit));
    this.scaleX = layout.width / width;
    this.scaleY = layout.height / height;
    const ratio = globalThis.devicePixelRatio || 1;
    if (this.element.width !== Math.round(width * ratio)) {
      this.element.width = Math.round(width * ratio);
    }
    if (this.element.height !== Math.round(height * ratio)) {
      this.element.height = Math.round(height * ratio);
    }
    this.element.style.width = `${width}px`;
    this.element.style.height = `${height}px`;
    this.paint(layout, visible, ratio);
  }

  private paint(layout: GraphLayout, visible: VisibleArea, ratio: number): void {
    const context = this.element.getContext('2d');
    if (context === null) {
      return;
    }
    // The colours come from the theme through CSS (panel.css), read once per paint.
    const style = getComputedStyle(this.element);
    const kx = ratio / this.scaleX;
    const ky = ratio / this.scaleY;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this.element.width, this.element.height);
    context.fillStyle = style.color;
    for (const node of layout.nodes) {
      context.fillRect(
        node.x * kx,
        node.y * ky,
        Math.max(ratio, node.width * kx),
        Math.max(ratio, node.height * ky),
      );
    }
    // The view's frame in the focus colour (--gl-minimap-view in panel.css), kept inside.
    context.strokeStyle = style.getPropertyValue('--gl-minimap-view').trim() || style.color;
    context.lineWidth = 1.5 * ratio;
    const left = Math.max(0, visible.x * kx);
    const top = Math.max(0, visible.y * ky);
    const right = Math.min(this.element.width, (visible.x + visible.width) * kx);
    const bottom = Math.min(this.element.height, (visible.y + visible.height) * ky);
    context.strokeRect(left, top, Math.max(ratio, right - left), Math.max(ratio, bottom - top));
  }

  private pointerDown(event: PointerEvent): void {
    if (event.button !== 0) {
      return;
    }
    // The viewport under the overview would start a drag of the drawing.
    event.stopPropagation();
    this.dragging = event.pointerId;
    this.element.setPointerCapture(event.pointerId);
    this.move(event);
  }

  private pointerMove(event: PointerEvent): void {
    if (this.dragging === event.pointerId) {
      this.move(event);
    }
  }

  private pointerUp(event: PointerEvent): void {
    if (this.dragging !== event.pointerId) {
      return;
    }
    this.dragging = undefined;
    this.element.releasePointerCapture(event.pointerId);
  }

  private move(event: PointerEvent): void {
    const box = this.element.getBoundingClientRect();
    this.moveTo((event.clientX - box.left) * this.scaleX, (event.clientY - box.top) * this.scaleY);
  }
}

function covers(visible: VisibleArea, layout: GraphLayout): boolean {
  return (
    visible.x <= 0 &&
    visible.y <= 0 &&
    visible.x + visible.width >= layout.width &&
    visible.y + visible.height >= layout.height
  );
}
