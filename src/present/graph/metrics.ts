/**
 * Sizes of the drawing. Text is set in a monospace font, so its width is estimated from the
 * number of characters (no DOM to measure it): the layout stays pure and deterministic.
 */

export const FONT = {
  /** The op symbol or input name inside a node. */
  symbol: 14,
  /** A constant's number inside its box. */
  constant: 12,
  /** The name above a node. */
  caption: 12,
  /** The value and gradient on an edge. */
  label: 11,
  legend: 11,
} as const;

/** No text of the drawing is shown smaller than this many CSS pixels unless the user zooms out. */
export const MIN_TEXT_PX = 11;

/** The smallest zoom at which every text of the drawing is at least MIN_TEXT_PX high. */
export const READABLE_ZOOM = MIN_TEXT_PX / Math.min(...Object.values(FONT));

export const SIZE = {
  margin: 12,
  /** Room for the legend line above the graph. */
  legend: 22,
  /** Room above a node for its name. */
  caption: 16,
  /** Vertical distance between two operand ports of one node: an edge's labels fit between. */
  portGap: 32,
  /** The diameter of a round op node. */
  circle: 44,
  /** Horizontal room for an edge's curve between layers, besides its label. */
  curve: 36,
  /** Space around an edge label on its horizontal run. */
  labelPad: 12,
  /** Vertical gap between two nodes of one layer. */
  nodeGap: 30,
  /** Vertical gap beside a dummy lane (a long edge passing a layer). */
  laneGap: 12,
  /** Below a port, the gradient text reaches this far. */
  labelBelow: 16,
  /** Above a port, the value text reaches this far. */
  labelAbove: 15,
  /** The value baseline above its edge, the gradient baseline below. */
  valueRise: 5,
  gradDrop: 13,
  /** The shortest wire leaving the output node. */
  outputWire: 44,
  arrow: 7,
} as const;

/** Estimated advance of a monospace glyph, in em; East Asian wide characters take more. */
const NARROW_EM = 0.6;
const WIDE_EM = 1.1;

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    em += isWide(char.codePointAt(0) ?? 0) ? WIDE_EM : NARROW_EM;
  }
  return em * fontSize;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    code >= 0x20000
  );
}

/** A number this short ("−0.5", "123") keeps its slot while its digits change. */
const SHORT_NUMBER_CHARS = 4;

/**
 * The width a number's text takes in the layout: the smallest of three slots that holds it, so
 * that new numbers of the same kind lay out exactly as the old ones and a live update changes
 * only texts. The slots at precision p, in characters: a short number ("−0.5", "12"); the
 * widest number formatNumber prints without an exponent ("−0.000123457": sign, "0.000" and p
 * digits), which also holds an exponent of up to two digits ("−1.23457e-10"); and the widest
 * of all ("−1.23457e-308"). A longer text (a tensor's shape) takes its own width.
 */
export function numberSlotWidth(text: string, precision: number, fontSize: number): number {
  const width = textWidth(text, fontSize);
  const digits = Math.max(1, Math.round(precision));
  for (const slot of [SHORT_NUMBER_CHARS, digits + 6, digits + 7]) {
    const room = slot * NARROW_EM * fontSize;
    if (width <= room) {
      return room;
    }
  }
  return width;
}
