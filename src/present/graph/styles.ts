/**
 * The graph's stylesheet. One set of class names; the colours come either from the VS Code
 * theme's CSS variables (the webview panel: light, dark and high contrast alike) or from a
 * fixed light or dark palette (the CLI's standalone SVG, screenshots).
 */
import type { LayoutDirection } from './layout';
import { FONT } from './metrics';

export type GraphColors = 'theme' | 'light' | 'dark';

interface Palette {
  readonly background: string;
  readonly text: string;
  readonly wire: string;
  readonly nodeFill: string;
  readonly nodeStroke: string;
  readonly leafFill: string;
  readonly value: string;
  readonly grad: string;
  readonly error: string;
  readonly focus: string;
}

/** Values in blue, gradients in orange: the two stay apart for the common colour deficiencies. */
const PALETTES: Readonly<Record<GraphColors, Palette>> = {
  theme: {
    background: 'var(--vscode-editor-background, #ffffff)',
    text: 'var(--vscode-editor-foreground, #1f2328)',
    wire: 'var(--vscode-descriptionForeground, #6e7781)',
    nodeFill: 'var(--vscode-editor-background, #ffffff)',
    nodeStroke: 'var(--vscode-contrastBorder, var(--vscode-editor-foreground, #24292f))',
    leafFill: 'var(--vscode-editorWidget-background, #f6f8fa)',
    value: 'var(--vscode-charts-blue, #0550ae)',
    grad: 'var(--vscode-charts-orange, #bc4c00)',
    error: 'var(--vscode-errorForeground, #cf222e)',
    focus: 'var(--vscode-focusBorder, #0969da)',
  },
  light: {
    background: '#ffffff',
    text: '#1f2328',
    wire: '#6e7781',
    nodeFill: '#ffffff',
    nodeStroke: '#24292f',
    leafFill: '#f6f8fa',
    value: '#0550ae',
    grad: '#bc4c00',
    error: '#cf222e',
    focus: '#0969da',
  },
  dark: {
    background: '#1e1e1e',
    text: '#e6edf3',
    wire: '#8b949e',
    nodeFill: '#1e1e1e',
    nodeStroke: '#c9d1d9',
    leafFill: '#2d333b',
    value: '#79c0ff',
    grad: '#ffa657',
    error: '#ff7b72',
    focus: '#58a6ff',
  },
};

const FONT_FAMILY =
  'var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace)';
const FIXED_FONT_FAMILY =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

/** The CSS of the drawing (put in its `<style>`; a webview may also load it on its own). */
export function graphStyles(colors: GraphColors, direction: LayoutDirection = 'right'): string {
  const p = PALETTES[colors];
  const family = colors === 'theme' ? FONT_FAMILY : FIXED_FONT_FAMILY;
  return [
    `.gl-graph{font-family:${family};font-size:${FONT.label}px}`,
    `.gl-background{fill:${p.background}}`,
    `.gl-wire{fill:none;stroke:${p.wire};stroke-width:1.5;marker-end:url(#gl-arrow)}`,
    `.gl-arrowhead{fill:${p.wire}}`,
    `.gl-shape{fill:${p.nodeFill};stroke:${p.nodeStroke};stroke-width:1.5}`,
    `.gl-node--input .gl-shape,.gl-node--constant .gl-shape{fill:${p.leafFill}}`,
    `.gl-node--constant .gl-shape{stroke-dasharray:4 3}`,
    `.gl-node--output .gl-shape{stroke-width:3}`,
    `.gl-shape--nonfinite{stroke:${p.error};stroke-width:2.5}`,
    `.gl-symbol{fill:${p.text};font-size:${FONT.symbol}px;text-anchor:middle}`,
    `.gl-node--constant .gl-symbol{font-size:${FONT.constant}px}`,
    `.gl-name{fill:${p.text};font-size:${FONT.caption}px;font-style:italic;text-anchor:middle}`,
    `.gl-value,.gl-grad{font-size:${FONT.label}px;text-anchor:middle;paint-order:stroke;stroke:${p.background};stroke-width:3px;stroke-linejoin:round}`,
    `.gl-value,.gl-legend-value{fill:${p.value}}`,
    `.gl-grad,.gl-legend-grad{fill:${p.grad}}`,
    `.gl-legend{font-size:${FONT.legend}px}`,
    `[data-off-path]{opacity:0.5}`,
    `.gl-node{cursor:pointer}`,
    `.gl-node:focus{outline:none}`,
    `.gl-node:focus-visible .gl-shape{stroke:${p.focus};stroke-width:3}`,
    `.gl-cluster-box{fill:none;stroke:${p.wire};stroke-width:1;stroke-dasharray:6 4}`,
    `.gl-cluster--iteration>.gl-cluster-box,.gl-cluster--call>.gl-cluster-box{fill:${p.leafFill};fill-opacity:0.35}`,
    `.gl-cluster-label{fill:${p.text};font-size:${FONT.caption}px;cursor:pointer}`,
    `.gl-cluster-label:focus{outline:none}`,
    `.gl-cluster-label:focus-visible{fill:${p.focus};text-decoration:underline}`,
    `.gl-node--group .gl-shape{stroke-dasharray:6 3}`,
    `.gl-node--group .gl-symbol{font-size:${FONT.caption}px}`,
    // Top to bottom: a value left of its wire, the gradient right of it, a name right of its node.
    ...(direction === 'down'
      ? ['.gl-value{text-anchor:end}.gl-grad{text-anchor:start}.gl-name{text-anchor:start}']
      : []),
  ].join('');
}
