/**
 * Heat maps of tensors on the graph's edges, in SVG: a square per cell of a HeatGrid,
 * coloured by a diverging palette symmetric around 0 (blue negative, the background at 0,
 * orange positive: apart for the common colour deficiencies, as ColorBrewer's PuOr). The scale
 * is the largest finite magnitude of the map, in HEAT_LEVELS steps per side, each a class of
 * the stylesheet (no inline styles: the webview's policy allows styles by nonce only). NaN,
 * +∞ and −∞ are hatched in the error colour, three different ways, never coloured as a number.
 */
import { formatNumber } from '../../engine/format';
import type { HeatGrid } from './tensorGraphInput';
import { htmlText } from '../htmlText';
import type { GraphColors } from './styles';

/** Colour steps on each side of 0. */
export const HEAT_LEVELS = 5;

/** The largest side of a heat map, in SVG units: a 16 × 16 grid gets 2-unit cells. */
export const HEAT_BOX = { height: 32, width: 64, cell: 8 } as const;

/** What a cell is coloured as: a level −HEAT_LEVELS…HEAT_LEVELS, or a mark. */
export type HeatClass = number | 'nan' | 'pinf' | 'ninf';

/** The largest finite magnitude among the cells: the ends of the colour scale (0 when none). */
export function heatScale(cells: readonly number[]): number {
  let scale = 0;
  for (const value of cells) {
    if (Number.isFinite(value)) {
      scale = Math.max(scale, Math.abs(value));
    }
  }
  return scale;
}

/** 0 only for 0: the faintest colour still tells a small number from none. */
export function heatClass(value: number, scale: number): HeatClass {
  if (Number.isNaN(value)) {
    return 'nan';
  }
  if (value === Infinity) {
    return 'pinf';
  }
  if (value === -Infinity) {
    return 'ninf';
  }
  if (value === 0 || scale === 0) {
    return 0;
  }
  const level = Math.min(HEAT_LEVELS, Math.ceil((Math.abs(value) / scale) * HEAT_LEVELS));
  return value < 0 ? -level : level;
}

export function heatClassName(heat: HeatClass): string {
  if (typeof heat === 'string') {
    return `gl-heat-${heat}`;
  }
  if (heat === 0) {
    return 'gl-heat-zero';
  }
  return heat < 0 ? `gl-heat-n${-heat}` : `gl-heat-p${heat}`;
}

/** A map's size: cells as large as HEAT_BOX allows, square. */
export function heatSize(heat: HeatGrid): {
  readonly width: number;
  readonly height: number;
  readonly cell: number;
} {
  const cell = Math.min(HEAT_BOX.cell, HEAT_BOX.height / heat.rows, HEAT_BOX.width / heat.cols);
  return { width: cell * heat.cols, height: cell * heat.rows, cell };
}

export type HeatRole = 'value' | 'grad';

/**
 * The map with its top-left corner at (x, y), its scale and flattening in its tooltip: one
 * path per colour, in cell units (a run of equal cells in a row is one rectangle), so that a
 * 16 × 16 map is a dozen short elements: big graphs carry dozens of maps.
 */
export function heatMapSvg(
  heat: HeatGrid,
  x: number,
  y: number,
  role: HeatRole,
  what: string,
  precision: number,
): string {
  const { width, height, cell } = heatSize(heat);
  const scale = heatScale(heat.cells);
  const shapes = new Map<string, string>();
  for (let r = 0; r < heat.rows; r += 1) {
    let c = 0;
    while (c < heat.cols) {
      const name = heatClassName(heatClass(heat.cells[r * heat.cols + c]!, scale));
      let end = c + 1;
      while (
        end < heat.cols &&
        heatClassName(heatClass(heat.cells[r * heat.cols + end]!, scale)) === name
      ) {
        end += 1;
      }
      shapes.set(name, `${shapes.get(name) ?? ''}M${c},${r}h${end - c}v1h${c - end}z`);
      c = end;
    }
  }
  const out: string[] = [
    `<g class="gl-heat gl-heat--${role}" data-rows="${heat.rows}" data-cols="${heat.cols}" data-scale="${scale}"><title>${htmlText(heatTitle(heat, what, scale, precision))}</title>`,
    `<g transform="translate(${tidy(x)},${tidy(y)}) scale(${tidy(cell)})">`,
  ];
  for (const [name, d] of shapes) {
    out.push(`<path class="gl-heat-cells ${name}" d="${d}"/>`);
  }
  out.push(
    `</g><rect class="gl-heat-frame" x="${tidy(x)}" y="${tidy(y)}" width="${tidy(width)}" height="${tidy(height)}"/></g>`,
  );
  return out.join('');
}

function heatTitle(heat: HeatGrid, what: string, scale: number, precision: number): string {
  const format = { precision: Math.min(precision, 4) };
  const grid = `${heat.rows} × ${heat.cols}`;
  const lines = [
    `${what}: colour scale −${formatNumber(scale, format)} (blue) … 0 … ${formatNumber(scale, format)} (orange)`,
    heat.pooled
      ? `shown as ${grid} cells, each the element of largest magnitude of its block`
      : `${grid} cells, one per element`,
  ];
  const marks = heat.cells.filter((value) => !Number.isFinite(value)).length;
  if (marks > 0) {
    lines.push(`${marks} cell${marks === 1 ? '' : 's'} hatched: NaN ✕, +∞ ╱, −∞ ╲`);
  }
  return lines.join('\n');
}

function tidy(value: number): number {
  return Math.round(value * 100) / 100;
}

interface HeatPalette {
  readonly negative: string;
  readonly neutral: string;
  readonly positive: string;
  readonly mark: string;
  readonly frame: string;
}

const HEAT_PALETTES: Readonly<Record<GraphColors, HeatPalette>> = {
  theme: {
    negative: 'var(--vscode-charts-blue, #2166ac)',
    neutral: 'var(--vscode-editor-background, #f7f7f7)',
    positive: 'var(--vscode-charts-orange, #b35806)',
    mark: 'var(--vscode-errorForeground, #cf222e)',
    frame: 'var(--vscode-descriptionForeground, #6e7781)',
  },
  light: {
    negative: '#2166ac',
    neutral: '#f7f7f7',
    positive: '#b35806',
    mark: '#cf222e',
    frame: '#6e7781',
  },
  dark: {
    negative: '#67a9cf',
    neutral: '#2d2d2d',
    positive: '#f1a340',
    mark: '#ff7b72',
    frame: '#8b949e',
  },
};

/** The colour of a level: the end mixed into the neutral colour by |level| / HEAT_LEVELS. */
export function heatColor(colors: GraphColors, level: number): string {
  const p = HEAT_PALETTES[colors];
  if (level === 0) {
    return p.neutral;
  }
  const end = level < 0 ? p.negative : p.positive;
  const share = Math.abs(level) / HEAT_LEVELS;
  if (share >= 1) {
    return end;
  }
  return colors === 'theme'
    ? `color-mix(in srgb, ${end} ${Math.round(share * 100)}%, ${p.neutral})`
    : mixHex(end, p.neutral, share);
}

function mixHex(end: string, neutral: string, share: number): string {
  const channel = (hex: string, at: number) => Number.parseInt(hex.slice(at, at + 2), 16);
  let out = '#';
  for (const at of [1, 3, 5]) {
    const mixed = Math.round(channel(end, at) * share + channel(neutral, at) * (1 - share));
    out += mixed.toString(16).padStart(2, '0');
  }
  return out;
}

/**
 * The hatches of NaN (crossed), +∞ (rising) and −∞ (falling), for the drawing's `<defs>`: one
 * tile per cell, as the cells are drawn in cell units.
 */
export function heatDefs(): string {
  const hatch = (id: string, d: string) =>
    `<pattern id="gl-heat-${id}-hatch" width="1" height="1" patternUnits="userSpaceOnUse"><rect class="gl-heat-hatch-ground" width="1" height="1"/><path class="gl-heat-hatch" d="${d}"/></pattern>`;
  return hatch('nan', 'M0,0L1,1M1,0L0,1') + hatch('pinf', 'M0,1L1,0') + hatch('ninf', 'M0,0L1,1');
}

export function heatStyles(colors: GraphColors): string {
  const p = HEAT_PALETTES[colors];
  const rules = [
    `.gl-heat-frame{fill:none;stroke:${p.frame};stroke-width:0.5}`,
    `.gl-heat-hatch-ground{fill:${p.neutral}}`,
    `.gl-heat-hatch{stroke:${p.mark};stroke-width:0.2}`,
    `.gl-heat-nan{fill:url(#gl-heat-nan-hatch)}`,
    `.gl-heat-pinf{fill:url(#gl-heat-pinf-hatch)}`,
    `.gl-heat-ninf{fill:url(#gl-heat-ninf-hatch)}`,
  ];
  for (let level = -HEAT_LEVELS; level <= HEAT_LEVELS; level += 1) {
    rules.push(`.${heatClassName(level)}{fill:${heatColor(colors, level)}}`);
  }
  return rules.join('');
}
