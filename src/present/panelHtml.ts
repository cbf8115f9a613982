/**
 * The inspection panel's page: the output, every input with its value, gradient, symbolic
 * derivative and numeric check, and the backward pass step by step. A static page (no script)
 * under a strict Content-Security-Policy; every text from the document is escaped.
 */
import { formatNumber } from '../engine/format';
import { describeStep, partialSymbol } from '../engine/stepText';
import { htmlText } from './htmlText';
import type { Inspection, ViewOptions } from './inspection';

export interface PanelPage extends ViewOptions {
  /** The webview's `cspSource`, for the one stylesheet rule. */
  readonly cspSource: string;
  /** A fresh random nonce for the inline style. */
  readonly nonce: string;
  /** The node to highlight ("Show in graph" from a hover). */
  readonly selectedNode?: number;
}

export function panelHtml(inspection: Inspection | undefined, page: PanelPage): string {
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `img-src ${page.cspSource} data:`,
  ].join('; ');
  const body = inspection === undefined ? emptyBody() : inspectionBody(inspection, page);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Gradient Lens</title>
<style nonce="${htmlText(page.nonce)}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.2rem 0.8rem 0.2rem 0; border-bottom: 1px solid var(--vscode-panel-border); }
td.number { font-family: var(--vscode-editor-font-family); text-align: right; }
.value { color: var(--vscode-charts-blue); }
.grad { color: var(--vscode-charts-orange); }
.stale { color: var(--vscode-editorWarning-foreground); }
tr.selected, li.selected { outline: 1px solid var(--vscode-focusBorder); }
ol.steps { font-family: var(--vscode-editor-font-family); padding-left: 2rem; }
ol.steps .local { opacity: 0.8; }
`;

function emptyBody(): string {
  return '<p>Select code and run <strong>Gradient Lens: Inspect Derivatives</strong>.</p>';
}

function inspectionBody(inspection: Inspection, page: PanelPage): string {
  const { result } = inspection;
  const f = result.output.name;
  const stale =
    inspection.stale === undefined
      ? ''
      : `<p class="stale" role="status">Stale: ${htmlText(inspection.stale)}</p>`;
  return `${stale}
<h2 id="output" data-name="${htmlText(f)}">${htmlText(f)} = <span class="value">${number(result.value, page)}</span></h2>
${inputsTable(inspection, page)}
${stepsList(inspection, page)}`;
}

function inputsTable(inspection: Inspection, page: PanelPage): string {
  const { result } = inspection;
  const f = result.output.name;
  const rows = result.inputs.map((input) => {
    const check = result.check?.find((entry) => entry.input === input.name);
    const selected = page.selectedNode === input.id ? ' class="selected"' : '';
    const cells = [
      `<td>${htmlText(input.name)}</td>`,
      `<td class="number value">${number(input.value, page)}</td>`,
      `<td class="number grad">${number(input.grad, page)}</td>`,
      `<td>${htmlText(input.symbolic?.text ?? '')}</td>`,
      `<td>${check === undefined ? '' : htmlText(`${formatNumber(check.relativeError, { precision: 2 })} (${check.verdict})`)}</td>`,
    ];
    return `<tr data-name="${htmlText(input.name)}" data-node="${input.id}"${selected}>${cells.join('')}</tr>`;
  });
  return `<table id="inputs" aria-label="inputs and gradients">
<thead><tr><th>input</th><th>value</th><th>${htmlText(`∂${f}/∂input`)}</th><th>symbolic</th><th>check</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function stepsList(inspection: Inspection, page: PanelPage): string {
  const { result } = inspection;
  const items = result.steps.map((step) => {
    const text = describeStep(step, result, { precision: page.precision });
    const node = step.kind === 'seed' ? step.node : step.to;
    const selected = page.selectedNode === node ? ' class="selected"' : '';
    return `<li data-node="${node}"${selected}>${htmlText(text.equation)}<br><span class="local">local: ${htmlText(text.local)}</span></li>`;
  });
  const heading = htmlText(
    `backward pass from ${partialSymbol(result.output.name, result.output.name)} = 1`,
  );
  return `<h3>${heading} (upstream gradient · local gradient = product)</h3>
<ol class="steps" start="0">
${items.join('\n')}
</ol>`;
}

function number(value: number, page: ViewOptions): string {
  return htmlText(formatNumber(value, { precision: page.precision }));
}
