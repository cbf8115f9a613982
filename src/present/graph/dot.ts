/**
 * The annotated graph in Graphviz DOT (`dot -Tsvg`), left to right as the lecture draws it:
 * every edge labelled with the forward value of its source (blue, above) and the gradient
 * that flowed back along it (orange, below). Names from the document are escaped: HTML-like
 * labels for what is shown, quoted strings for tooltips.
 */
import { formatNumber } from '../../engine/format';
import type { InspectionResult } from '../../engine/result';
import { gradientPhrase } from '../gradientStatus';
import { htmlText } from '../htmlText';
import { buildModel, type ModelNode } from './model';
import { assertNever } from '../../engine/assertNever';

export interface DotOptions {
  /** Significant digits of values and gradients. */
  readonly precision: number;
}

const COLOR = {
  value: '#0550ae',
  grad: '#bc4c00',
  wire: '#6e7781',
  leaf: '#f6f8fa',
  offPath: '#8c959f',
} as const;

export function toDot(result: InspectionResult, options: DotOptions): string {
  const model = buildModel(result, { precision: options.precision });
  const format = { precision: options.precision };
  const f = result.output.name;
  const lines = [
    `digraph ${quoted(f)} {`,
    '  graph [rankdir=LR, nodesep=0.4, ranksep=0.6, fontname="Helvetica"];',
    '  node [fontname="Helvetica", fontsize=14, shape=circle, width=0.5, fixedsize=false];',
    `  edge [fontname="Helvetica", fontsize=10, color="${COLOR.wire}", arrowsize=0.6];`,
  ];
  for (const node of model.nodes) {
    lines.push(`  n${node.id} [${nodeAttributes(node, f, format).join(', ')}];`);
  }
  for (const edge of model.edges) {
    const grad =
      edge.gradText === undefined
        ? ''
        : `<br/><font color="${COLOR.grad}">${htmlText(edge.gradText)}</font>`;
    const label = `<font color="${COLOR.value}">${htmlText(edge.valueText)}</font>${grad}`;
    const dim = edge.onPath ? '' : `, style=dashed, color="${COLOR.offPath}"`;
    lines.push(`  n${edge.to} -> n${edge.from} [label=<${label}>${dim}];`);
  }
  // The output's own wire: its value, and ∂f/∂f = 1.
  const output = result.nodes[result.output.id];
  if (output !== undefined) {
    const value = htmlText(formatNumber(output.value, format));
    lines.push('  output [shape=point, width=0.01, style=invis];');
    lines.push(
      `  n${output.id} -> output [label=<<font color="${COLOR.value}">${value}</font><br/><font color="${COLOR.grad}">1</font>>];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeAttributes(node: ModelNode, f: string, format: { precision: number }): string[] {
  const attributes = [`label=<${htmlText(node.text)}>`];
  switch (node.kind) {
    case 'input':
      attributes.push('shape=box', 'style="rounded,filled"', `fillcolor="${COLOR.leaf}"`);
      break;
    case 'constant':
      attributes.push(
        'shape=box',
        'style="rounded,dashed,filled"',
        `fillcolor="${COLOR.leaf}"`,
        'fontsize=12',
      );
      break;
    case 'op':
      if ([...node.text].length > 2) {
        attributes.push('shape=box', 'style=rounded');
      }
      break;
    default: {
      return assertNever(node.kind, 'node kind');
    }
  }
  if (node.caption !== undefined) {
    attributes.push(`xlabel=<<i>${htmlText(node.caption)}</i>>`);
  }
  if (node.output) {
    attributes.push('penwidth=3');
  }
  if (!node.onPath) {
    attributes.push(`color="${COLOR.offPath}"`, `fontcolor="${COLOR.offPath}"`);
  }
  const value = `${node.name} = ${formatNumber(node.view.value, format)}`;
  const tooltip = `${value}, ${gradientPhrase(node.status, f, node.name, format)}`;
  attributes.push(`tooltip=${quoted(tooltip)}`);
  return attributes;
}

/** A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`. */
function quoted(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;
}
