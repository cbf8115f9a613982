import assert from 'node:assert/strict';
import { panelCsp, panelHtml, type PanelPage } from '../../src/present/panelHtml';

const PAGE: PanelPage = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Vub25jZQ==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.css',
};

function cspOf(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'no CSP meta tag');
  const directives = new Map<string, string[]>();
  for (const directive of (match[1] ?? '').replace(/&#39;/g, "'").split(';')) {
    const [name = '', ...sources] = directive.trim().split(/\s+/);
    directives.set(name, sources);
  }
  return directives;
}

describe('panel page shell', () => {
  it('has a strict CSP: nothing by default, the script by nonce only, no inline or eval', () => {
    const csp = cspOf(panelHtml(PAGE));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${PAGE.nonce}'`]);
    assert.deepEqual(csp.get('style-src'), [PAGE.cspSource, `'nonce-${PAGE.nonce}'`]);
    assert.deepEqual(csp.get('img-src'), [PAGE.cspSource, 'data:']);
    const all = [...csp.values()].flat().join(' ');
    assert.ok(!/unsafe-(inline|eval)|\*|https?:\/\/(?!file\+)/.test(all), all);
  });

  it('loads exactly one script, with the nonce, from the extension, and the stylesheet', () => {
    const html = panelHtml(PAGE);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]?.[2], '', 'an inline script body');
    assert.equal(scripts[0]?.[1], ` nonce="${PAGE.nonce}" src="${PAGE.scriptUri}"`);
    assert.ok(html.includes(`<link rel="stylesheet" href="${PAGE.styleUri}">`));
    assert.ok(html.includes('<div id="app"'));
  });

  it('escapes what it puts in attributes', () => {
    const html = panelHtml({ ...PAGE, scriptUri: 'x"><img src=y onerror=alert(1)>' });
    assert.ok(!html.includes('<img'), 'an unescaped tag');
    assert.ok(html.includes('x&quot;&gt;&lt;img'));
  });

  it('names the same sources in panelCsp as in the page', () => {
    assert.ok(panelHtml(PAGE).includes(panelCsp(PAGE).replace(/'/g, '&#39;')));
  });
});
