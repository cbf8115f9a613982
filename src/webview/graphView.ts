/**
 * The drawn graph in the panel: the SVG from drawGraph inside a viewport that pans (drag, wheel)
 * and zooms (Ctrl/⌘ + wheel, pinch, buttons, + − 0 keys) with one CSS transform, so even a
 * 2,000-node drawing moves at frame rate. Finds nodes and edges by their `data-` attributes.
 *
 * The transform is in place before a drawing is first painted, and the stage is a compositor
 * layer (`will-change`) only while the user pans or zooms: Chromium keeps such a layer at the
 * scale it was first rasterized at, which for a big graph fitted small would mean rasterizing
 * it at full size (seconds), and would leave it blurry after a zoom.
 */
import type { GraphLayout, LayoutDirection } from '../present/graph/drawGraph';
import { READABLE_ZOOM } from '../present/graph/metrics';
import { button, h } from './dom';
import { drawInParts, type Pending } from './progressiveDrawing';
import { morphElement } from './svgMorph';
import { TrackedDrawing } from './trackedDrawing';
import { Minimap } from './minimap';

interface View {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 8;
/** A small graph is enlarged this much at most when fitted. */
const MAX_FIT_ZOOM = 2;
/** A drawing of more nodes than this is put in in parts, the first screen first. */
const DRAW_IN_PARTS_NODES = 400;
/** Room kept around the drawing when fitting it. */
const FIT_PAD = 12;
/** An arrow key moves the view this far. */
const KEY_PAN = 60;
/** Taller than wide by this much, the graph is laid out top to bottom unless the user chose. */
const TALL_RATIO = 1.25;

export class GraphView {
  readonly element: HTMLElement;
  private readonly stage: HTMLElement;
  /** Shown instead of a drawing when the graph is too big to draw without asking. */
  private readonly prompt: HTMLElement;
  private view: View = { x: 0, y: 0, k: 1 };
  private width = 0;
  private height = 0;
  private layout: GraphLayout | undefined;
  /** Ends the `gl-moving` state a moment after the last pan or zoom. */
  private movingTimer: ReturnType<typeof setTimeout> | undefined;
  private nodeIndex = new Map<number, SVGGElement>();
  private edgeList: SVGGElement[] = [];
  private dragging: { id: number; x: number; y: number } | undefined;
  /** The viewport's size, kept by a ResizeObserver so that no drawing forces a layout. */
  private size = { width: 0, height: 0 };
  /** A fit asked for before the viewport had a size. */
  private fitPending = false;
  /** The rest of a drawing put in in parts, still to come. */
  private pending: Pending | undefined;
  /** The drawing in place with its markup, for a live update by differences. */
  private tracked: TrackedDrawing | undefined;
  private readonly minimap: Minimap;
  /** The user's choice of direction; undefined follows the viewport's shape. */
  private chosenDirection: LayoutDirection | undefined;
  private readonly directionButton: HTMLButtonElement;
  /** Called when the direction to lay out in changed; absent, the drawing is left to right. */
  private onDirectionChange: (() => void) | undefined;

  constructor() {
    this.stage = h('div', { class: 'gl-stage' });
    this.prompt = h('div', { class: 'gl-prompt', attrs: { id: 'gl-prompt', hidden: '' } });
    this.minimap = new Minimap((x, y) => this.centreOn(x, y));
    this.directionButton = button('', '', () => this.toggleDirection(), {
      action: 'direction',
      class: 'gl-button gl-direction',
    });
    this.directionButton.hidden = true;
    this.element = h(
      'div',
      {
        class: 'gl-viewport',
        attrs: { 'aria-label': 'graph (arrow keys move it)', tabindex: '0' },
      },
      [this.stage, this.prompt, this.minimap.element, this.directionButton],
    );
    this.showDirection();
    this.element.addEventListener('keydown', (event) => this.keyDown(event));
    this.element.addEventListener('wheel', (event) => this.wheel(event), { passive: false });
    this.element.addEventListener('pointerdown', (event) => this.pointerDown(event));
    this.element.addEventListener('pointermove', (event) => this.pointerMove(event));
    this.element.addEventListener('pointerup', (event) => this.pointerUp(event));
    this.element.addEventListener('pointercancel', (event) => this.pointerUp(event));
    new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box !== undefined) {
        const before = this.direction;
        this.size = { width: box.width, height: box.height };
        this.showDirection();
        if (this.direction !== before && this.layout !== undefined) {
          this.onDirectionChange?.();
        } else if (this.fitPending) {
          this.fit();
        } else {
          this.updateMinimap();
        }
      }
    }).observe(this.element);
  }

  /**
   * Puts a new drawing in; keeps the view when asked (same graph, new numbers: the drawing is
   * then changed in place), else fits.
   */
  show(svg: string, width: number, height: number, layout: GraphLayout, keepView: boolean): void {
    this.width = width;
    this.height = height;
    this.layout = layout;
    this.minimap.setLayout(layout);
    // Placed before the SVG goes in, so that it is first painted at its final scale.
    if (keepView) {
      this.apply();
    } else {
      this.fit();
    }
    this.hidePrompt();
    this.stopParts();
    const current = this.svg;
    // The same elements stay: the index of nodes and edges is still right.
    if (keepView && current !== null && this.tracked?.update(svg) === true) {
      return;
    }
    this.tracked?.stop();
    this.tracked = undefined;
    if (keepView && current !== null) {
      this.morphDrawing(current, svg);
    } else if (layout.nodes.length > DRAW_IN_PARTS_NODES) {
      this.drawFirstScreenFirst(svg);
      return;
    } else {
      this.stage.innerHTML = svg;
    }
    this.indexDrawing();
    const drawn = this.svg;
    this.tracked = drawn === null ? undefined : new TrackedDrawing(drawn, svg);
  }

  /**
   * A big drawing: the nodes and edges in view go in at once, the rest in later tasks (see
   * progressiveDrawing); the stage says `data-drawing="partial"` until all are in. Nodes and
   * edges are indexed at once, in or not yet.
   */
  private drawFirstScreenFirst(svg: string): void {
    const parsed = document.createElement('template');
    parsed.innerHTML = svg;
    const root = parsed.content.firstElementChild;
    if (root === null) {
      this.stage.replaceChildren();
      this.indexDrawing();
      return;
    }
    this.indexDrawing(root);
    const inView = this.inViewTest();
    this.stage.dataset.drawing = 'partial';
    this.pending = drawInParts(this.stage, root, inView, () => {
      this.pending = undefined;
      delete this.stage.dataset.drawing;
    });
  }

  /** Whether a node or edge element of the drawing is in the viewport (or next to it). */
  private inViewTest(): (element: Element) => boolean {
    // A new panel's viewport may not have been measured yet: measured now, before the drawing
    // is in (cheap), and the drawing fitted, else there is no first screen to tell apart.
    if (this.fitPending) {
      this.size = { width: this.element.clientWidth, height: this.element.clientHeight };
      this.fit();
    }
    const { x, y, k } = this.view;
    const { width, height } = this.size;
    if (width === 0 || height === 0) {
      return () => true;
    }
    const boxes = new Map((this.layout?.nodes ?? []).map((node) => [node.id, node]));
    const margin = 100 / k;
    const left = -x / k - margin;
    const top = -y / k - margin;
    const right = left + width / k + 2 * margin;
    const bottom = top + height / k + 2 * margin;
    const nodeInView = (id: string | undefined): boolean => {
      const box = id === undefined ? undefined : boxes.get(Number(id));
      return (
        box !== undefined &&
        box.x < right &&
        box.x + box.width > left &&
        box.y < bottom &&
        box.y + box.height > top
      );
    };
    return (element) => {
      const data = (element as SVGElement).dataset;
      return data.node !== undefined
        ? nodeInView(data.node)
        : nodeInView(data.from) || nodeInView(data.to);
    };
  }

  private stopParts(): void {
    this.pending?.cancel();
    this.pending = undefined;
    delete this.stage.dataset.drawing;
  }

  /**
   * The same graph drawn again (new numbers after an edited input): the drawing in place is
   * changed only where it differs, so the browser restyles and repaints just that.
   */
  private morphDrawing(current: SVGSVGElement, svg: string): void {
    const parsed = document.createElement('template');
    parsed.innerHTML = svg;
    const fresh = parsed.content.firstElementChild;
    if (fresh === null || fresh.nodeName !== current.nodeName) {
      this.stage.replaceChildren(parsed.content);
      return;
    }
    morphElement(current, fresh);
  }

  private indexDrawing(drawing: ParentNode = this.stage): void {
    this.nodeIndex = new Map();
    for (const node of drawing.querySelectorAll<SVGGElement>('g.gl-node')) {
      this.nodeIndex.set(Number(node.dataset.node), node);
    }
    this.edgeList = [...drawing.querySelectorAll<SVGGElement>('g.gl-edge')];
  }

  /** Keyboard focus back on a group after it was collapsed or expanded (the drawing is new). */
  focusGroup(group: number): void {
    const target =
      this.stage.querySelector<SVGElement>(
        `g.gl-cluster[data-group="${group}"] .gl-cluster-label`,
      ) ?? this.stage.querySelector<SVGElement>(`g.gl-node--group[data-group="${group}"]`);
    target?.focus({ preventScroll: true });
  }

  clear(): void {
    this.tracked?.stop();
    this.tracked = undefined;
    this.stopParts();
    this.hidePrompt();
    this.stage.replaceChildren();
    this.nodeIndex = new Map();
    this.edgeList = [];
    this.layout = undefined;
    this.minimap.setLayout(undefined);
    this.minimap.update({ x: 0, y: 0, width: 0, height: 0 });
  }

  /** A question in place of the drawing, with one button that answers it. */
  ask(question: string, answer: string, confirm: () => void): void {
    this.clear();
    const draw = button(answer, answer, confirm, { action: 'draw-anyway' });
    this.prompt.replaceChildren(h('p', { text: question }), draw);
    this.prompt.hidden = false;
    draw.focus();
  }

  private hidePrompt(): void {
    this.prompt.hidden = true;
    this.prompt.replaceChildren();
  }

  get svg(): SVGSVGElement | null {
    return this.stage.querySelector('svg');
  }

  node(id: number): SVGGElement | undefined {
    return this.nodeIndex.get(id);
  }

  get nodes(): ReadonlyMap<number, SVGGElement> {
    return this.nodeIndex;
  }

  get edges(): readonly SVGGElement[] {
    return this.edgeList;
  }

  /**
   * The whole drawing in view, enlarged at most to twice its natural size and shrunk no
   * further than keeps its smallest text readable; a drawing bigger than that starts at its
   * inputs (left, or top when laid out downwards) and is moved with drag, wheel, arrow keys or
   * the minimap.
   */
  fit(): void {
    const box = this.size;
    if (box.width === 0 || box.height === 0) {
      // Not laid out yet: the ResizeObserver fits once it knows the size.
      this.fitPending = true;
      return;
    }
    this.fitPending = false;
    if (this.width === 0 || this.height === 0) {
      this.view = { x: 0, y: 0, k: 1 };
    } else {
      const k = Math.max(
        READABLE_ZOOM,
        clampZoom(
          Math.min(
            MAX_FIT_ZOOM,
            (box.width - 2 * FIT_PAD) / this.width,
            (box.height - 2 * FIT_PAD) / this.height,
          ),
        ),
      );
      // Too big to fit: start where the graph starts (the inputs), centred across.
      const down = this.direction === 'down';
      const spareX = (box.width - this.width * k) / 2;
      const spareY = (box.height - this.height * k) / 2;
      const tooWide = this.width * k > box.width - 2 * FIT_PAD;
      const tooTall = this.height * k > box.height - 2 * FIT_PAD;
      this.view = {
        k,
        x: tooWide ? (down ? spareX : FIT_PAD) : Math.max(FIT_PAD, spareX),
        y: tooTall ? (down ? FIT_PAD : spareY) : Math.max(FIT_PAD, spareY),
      };
    }
    this.apply();
  }

  /** Zooms by `factor` about a point of the viewport (default: its centre). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const cx = at?.x ?? this.size.width / 2;
    const cy = at?.y ?? this.size.height / 2;
    const k = clampZoom(this.view.k * factor);
    const ratio = k / this.view.k;
    this.view = { k, x: cx - (cx - this.view.x) * ratio, y: cy - (cy - this.view.y) * ratio };
    this.apply();
  }

  panBy(dx: number, dy: number): void {
    this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy };
    this.apply();
  }

  /** Scrolls a node into the middle of the viewport when it is not comfortably inside. */
  reveal(id: number): void {
    const box = this.layout?.nodes.find((node) => node.id === id);
    if (box === undefined) {
      return;
    }
    const area = this.size;
    if (area.width === 0 || area.height === 0) {
      return;
    }
    const { k } = this.view;
    const left = this.view.x + box.x * k;
    const top = this.view.y + box.y * k;
    const inside =
      left >= 0 &&
      top >= 0 &&
      left + box.width * k <= area.width &&
      top + box.height * k <= area.height;
    if (inside) {
      return;
    }
    this.view = {
      k,
      x: area.width / 2 - (box.x + box.width / 2) * k,
      y: area.height / 2 - (box.y + box.height / 2) * k,
    };
    this.apply();
  }

  get zoom(): number {
    return this.view.k;
  }

  /**
   * Offers the top-to-bottom layout (a button, and by itself in a tall, narrow viewport);
   * `redraw` draws the graph again in the new `direction`.
   */
  followDirection(redraw: () => void): void {
    this.onDirectionChange = redraw;
    this.directionButton.hidden = false;
    this.showDirection();
  }

  /** The direction to lay the graph out in: the user's choice, else by the viewport's shape. */
  get direction(): LayoutDirection {
    if (this.onDirectionChange === undefined) {
      return 'right';
    }
    if (this.chosenDirection !== undefined) {
      return this.chosenDirection;
    }
    const { width, height } = this.size;
    return width > 0 && height > width * TALL_RATIO ? 'down' : 'right';
  }

  private toggleDirection(): void {
    this.chosenDirection = this.direction === 'right' ? 'down' : 'right';
    this.showDirection();
    if (this.layout !== undefined) {
      this.onDirectionChange?.();
    }
  }

  private showDirection(): void {
    const down = this.direction === 'down';
    const other = down ? 'left to right' : 'top to bottom';
    this.directionButton.textContent = down ? '↓' : '→';
    this.directionButton.title = `laid out ${down ? 'top to bottom' : 'left to right'}: click for ${other}`;
    this.directionButton.setAttribute('aria-label', `lay the graph out ${other}`);
    this.directionButton.dataset.direction = this.direction;
  }

  /** Centres the view on a point of the drawing (its own units), at the same zoom. */
  centreOn(x: number, y: number): void {
    const { k } = this.view;
    this.view = { k, x: this.size.width / 2 - x * k, y: this.size.height / 2 - y * k };
    this.apply();
  }

  private apply(): void {
    const { x, y, k } = this.view;
    this.stage.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
    this.updateMinimap();
  }

  private updateMinimap(): void {
    const { x, y, k } = this.view;
    this.minimap.update({
      x: -x / k,
      y: -y / k,
      width: this.size.width / k,
      height: this.size.height / k,
    });
  }

  /** Arrow keys move the drawing while the viewport itself has the focus (not a node). */
  private keyDown(event: KeyboardEvent): void {
    if (event.target !== this.element || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const moves: Readonly<Record<string, readonly [number, number]>> = {
      ArrowLeft: [KEY_PAN, 0],
      ArrowRight: [-KEY_PAN, 0],
      ArrowUp: [0, KEY_PAN],
      ArrowDown: [0, -KEY_PAN],
    };
    const move = moves[event.key];
    if (move === undefined) {
      return;
    }
    // The panel's own arrow keys step through the passes; here they move the view instead.
    event.preventDefault();
    event.stopPropagation();
    this.panBy(move[0], move[1]);
  }

  /** A compositor layer while the user pans or zooms; repainted sharp when they stop. */
  private moving(): void {
    this.element.classList.add('gl-moving');
    clearTimeout(this.movingTimer);
    this.movingTimer = setTimeout(() => this.element.classList.remove('gl-moving'), 300);
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    this.moving();
    if (event.ctrlKey || event.metaKey) {
      const box = this.element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
      this.zoomBy(factor, { x: event.clientX - box.left, y: event.clientY - box.top });
    } else {
      const scale = event.deltaMode === 1 ? 16 : 1;
      this.panBy(-event.deltaX * scale, -event.deltaY * scale);
    }
  }

  private pointerDown(event: PointerEvent): void {
    // Nodes, group labels and the prompt take clicks; the background drags.
    const target = event.target as Element;
    if (
      event.button !== 0 ||
      target.closest('.gl-node, .gl-cluster-label, .gl-prompt, .gl-direction') !== null
    ) {
      return;
    }
    this.dragging = { id: event.pointerId, x: event.clientX, y: event.clientY };
    this.element.setPointerCapture(event.pointerId);
    this.element.classList.add('gl-dragging');
  }

  private pointerMove(event: PointerEvent): void {
    if (this.dragging?.id !== event.pointerId) {
      return;
    }
    const dx = event.clientX - this.dragging.x;
    const dy = event.clientY - this.dragging.y;
    this.dragging = { id: event.pointerId, x: event.clientX, y: event.clientY };
    this.moving();
    this.panBy(dx, dy);
  }

  private pointerUp(event: PointerEvent): void {
    if (this.dragging?.id !== event.pointerId) {
      return;
    }
    this.dragging = undefined;
    this.element.releasePointerCapture(event.pointerId);
    this.element.classList.remove('gl-dragging');
  }
}

function clampZoom(k: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(k) ? k : 1));
}
