import assert from 'node:assert/strict';
import type { Inspection } from '../../src/present/inspection';
import { panelHtml } from '../../src/present/panelHtml';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';

const PAGE = { cspSource: 'vscode-webview://abc', nonce: 'bm9uY2U=', precision: 6 };

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'no CSP meta tag');
  return match[1] ?? '';
}

describe('panel page', () => {
  let reference: Inspection;
  before(async () => {
    reference = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
      check: true,
    });
  });

  it('lists every input with its value and gradient, and the output', () => {
    const html = panelHtml(reference, PAGE);
    assert.match(html, /<h2 id="output" data-name="f">f = <span class="value">−12<\/span><\/h2>/);
    for (const [name, value, grad] of [
      ['x', '−2', '−4'],
      ['y', '5', '−4'],
      ['z', '−4', '3'],
    ]) {
      const row = new RegExp(
        `<tr data-name="${name}" data-node="\\d+"><td>${name}</td><td class="number value">${value}</td><td class="number grad">${grad}</td>`,
      );
      assert.match(html, row);
    }
  });

  it('spells out every backward step in order', () => {
    const html = panelHtml(reference, PAGE);
    const steps = [...html.matchAll(/<li data-node="\d+">([^<]*)<br>/g)].map((match) => match[1]);
    assert.deepEqual(steps, [
      '∂f/∂f = 1',
      '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · 3 = 3',
      '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · (−4) = −4',
      '∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4',
      '∂f/∂x = ∂f/∂q · ∂q/∂x = (−4) · 1 = −4',
    ]);
  });

  it('has a strict CSP: nothing by default, no scripts, styles only by nonce', () => {
    const csp = cspOf(panelHtml(reference, PAGE));
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(!/script-src/.test(csp));
    assert.match(csp, /style-src vscode-webview:\/\/abc 'nonce-bm9uY2U='/);
    assert.ok(!panelHtml(reference, PAGE).includes('<script'));
  });

  it('escapes names from the document', () => {
    const hostile: Inspection = {
      ...reference,
      result: {
        ...reference.result,
        inputs: reference.result.inputs.map((input) => ({
          ...input,
          name: '<img src=x onerror=alert(1)>',
        })),
      },
    };
    const html = panelHtml(hostile, PAGE);
    assert.ok(!html.includes('<img'), 'an unescaped tag');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('marks a stale inspection and the selected node', () => {
    const html = panelHtml({ ...reference, stale: 'a syntax error' }, { ...PAGE, selectedNode: 0 });
    assert.match(html, /<p class="stale" role="status">Stale: a syntax error<\/p>/);
    assert.match(html, /<tr data-name="x" data-node="0" class="selected">/);
  });
});
