/**
 * The graph panel's page: an empty shell that loads the webview bundle, which asks for the
 * inspection (`ready`) and draws it. A strict Content-Security-Policy: nothing by default,
 * the one script by nonce, styles from the extension's files or by nonce, images from the
 * extension or `data:` (the PNG export renders through one); nothing remote.
 */
import { htmlText } from './htmlText';

export interface PanelPage {
  /** The webview's `cspSource`: the origin of the extension's local resources. */
  readonly cspSource: string;
  /** A fresh random nonce (base64) for the script and the graph's inline style. */
  readonly nonce: string;
  /** The webview bundle (dist/webview/webview.js) as a webview URI. */
  readonly scriptUri: string;
  /** Its stylesheet (dist/webview/webview.css) as a webview URI. */
  readonly styleUri: string;
}

export function panelCsp(page: Pick<PanelPage, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `img-src ${page.cspSource} data:`,
    `font-src ${page.cspSource}`,
  ].join('; ');
}

export function panelHtml(page: PanelPage): string {
  const nonce = htmlText(page.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${htmlText(panelCsp(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Gradient Lens</title>
<link rel="stylesheet" href="${htmlText(page.styleUri)}">
</head>
<body>
<div id="app" class="gl-app" aria-busy="true"><p class="gl-empty">Loading the graph…</p></div>
<script nonce="${nonce}" src="${htmlText(page.scriptUri)}"></script>
</body>
</html>`;
}
