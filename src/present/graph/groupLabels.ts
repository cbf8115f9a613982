/**
 * The text of each expanded group's label in the top band of its box, cut with `…` where it
 * would run into a text of the drawing (an edge's value or gradient, a node, a name, another
 * group's label): the layout does not keep a band free for it, and a long label (a repeated
 * expression's) crosses other layers. The whole label stays in the element's accessible name.
 */
import { round, type PlacedGraph } from './layout';
import { FONT, textWidth } from './metrics';
import type { GraphModel } from './model';

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Room kept between a label and what is beside it. */
const GAP = 4;

export interface GroupLabel {
  readonly text: string;
  readonly x: number;
}

/** The shortest label: its first character (the ▾) and `…`. */
const LEAST = 2;

export function groupLabelTexts(model: GraphModel, placed: PlacedGraph): GroupLabel[] {
  const obstacles = drawnTexts(model, placed);
  const labels: GroupLabel[] = [];
  for (let g = 0; g < model.groups.length; g += 1) {
    const box = placed.layout.groups[g]!;
    const band = { top: box.y + 2, bottom: box.y + FONT.caption + 6 };
    const inBand = obstacles
      .filter((other) => other.bottom > band.top && other.top < band.bottom)
      .sort((a, b) => a.left - b.left);
    const end = box.x + box.width - 6;
    // The first free stretch of the band, from the box's left, wide enough for "▾…".
    let left = box.x + 6;
    let room = end - left;
    for (const other of inBand) {
      if (other.right + GAP <= left) {
        continue;
      }
      if (other.left - GAP - left >= LEAST * FONT.caption * 0.6) {
        room = Math.min(end, other.left - GAP) - left;
        break;
      }
      left = Math.max(left, other.right + GAP);
      room = end - left;
    }
    const text = fitted(model.groups[g]!.text, room);
    labels.push({ text, x: round(left) });
    obstacles.push({
      left,
      right: left + textWidth(text, FONT.caption),
      top: band.top,
      bottom: band.bottom,
    });
  }
  return labels;
}

/** The longest start of `text` that fits `room` with a `…`; at least its first character. */
function fitted(text: string, room: number): string {
  if (textWidth(text, FONT.caption) <= room) {
    return text;
  }
  const chars = [...text];
  let length = chars.length - 1;
  while (length > 1 && textWidth(`${chars.slice(0, length).join('')}…`, FONT.caption) > room) {
    length -= 1;
  }
  return `${chars.slice(0, length).join('').trimEnd()}…`;
}

/** Boxes of the edges' labels, the nodes and their names, as drawGraph places them. */
function drawnTexts(model: GraphModel, placed: PlacedGraph): Box[] {
  const boxes: Box[] = [];
  const down = placed.direction === 'down';
  const line = (x: number, baseline: number, width: number, anchor: 'start' | 'middle' | 'end') => {
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    boxes.push({ left, right: left + width, top: baseline - FONT.label, bottom: baseline + 3 });
  };
  for (let e = 0; e < model.edges.length; e += 1) {
    const edge = model.edges[e]!;
    const label = placed.labels[e]!;
    line(label.x, label.valueY, textWidth(edge.valueText, FONT.label), down ? 'end' : 'middle');
    if (edge.gradText !== undefined) {
      const width = textWidth(edge.gradText, FONT.label);
      line(label.gradX ?? label.x, label.gradY, width, down ? 'start' : 'middle');
    }
  }
  for (let i = 0; i < model.nodes.length; i += 1) {
    const node = placed.layout.nodes[i]!;
    boxes.push({
      left: node.x,
      right: node.x + node.width,
      top: node.y - (model.nodes[i]!.caption === undefined || down ? 0 : FONT.caption + 6),
      bottom: node.y + node.height,
    });
  }
  return boxes;
}
