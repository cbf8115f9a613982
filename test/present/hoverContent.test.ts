import assert from 'node:assert/strict';
import type { Inspection } from '../../src/present/inspection';
import { hoverMarkdown } from '../../src/present/hoverContent';
import { referenceAt } from '../../src/present/inspection';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';

const OPTIONS = { precision: 6, showNodeCommand: (node: number) => `command:show?${node}` };

function hoverAt(inspection: Inspection, line: number, column: number): string {
  const reference = referenceAt(inspection, line, column);
  assert.ok(reference, `no reference at ${line}:${column}`);
  const markdown = hoverMarkdown(inspection, reference, OPTIONS);
  assert.ok(markdown !== undefined);
  return markdown;
}

describe('hover content', () => {
  let reference: Inspection;
  before(async () => {
    reference = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
      check: true,
    });
  });

  it('gives ∂f/∂x at the point with the chain-rule step, symbolic derivative and check', () => {
    const text = hoverAt(reference, 3, 4);
    assert.match(text, /\*\*∂f\/∂x = −4\*\*/);
    assert.match(text, /at x = −2, y = 5, z = −4/);
    assert.ok(text.includes('∂f/∂x = ∂f/∂q · ∂q/∂x = \\(−4\\) · 1 = −4'), text);
    assert.ok(text.includes('*Symbolic:* ∂f/∂x = z'), text);
    assert.match(text, /\*Numeric check:\* .*: ok/);
    assert.ok(
      text.endsWith(`[Show in graph](command:show?${reference.result.inputs[0]?.id})`),
      text,
    );
  });

  it('gives an intermediate its value and gradient', () => {
    const text = hoverAt(reference, 4, 4);
    assert.match(text, /\*\*∂f\/∂q = −4\*\*/);
    assert.match(text, /q = 3/);
    assert.ok(text.includes('∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · \\(−4\\) = −4'), text);
  });

  it('gives the output its value and every input gradient', () => {
    const text = hoverAt(reference, 4, 0);
    assert.match(text, /\*\*f = −12\*\*/);
    assert.match(text, /∂f\/∂x = −4 · ∂f\/∂y = −4 · ∂f\/∂z = 3/);
  });

  it('sums the contributions of a name used twice', async () => {
    const source = 'x = 3\nf = x * x\n';
    const inspection = await inspectionOf({
      source,
      language: 'python',
      selection: linesRange(source, 1, 1),
    });
    const text = hoverAt(inspection, 1, 4);
    assert.match(text, /\*\*∂f\/∂x = 6\*\*/);
    assert.ok(text.includes('∂f/∂x = 3 + 3 = 6 \\(used 2 times\\: the gradients add\\)'), text);
  });

  it('lists at most six uses of a name and sums the rest', async () => {
    const source = `x = 2\nf = ${Array.from({ length: 9 }, (_, i) => `${i + 1} * x`).join(' + ')}\n`;
    const inspection = await inspectionOf({
      source,
      language: 'python',
      selection: linesRange(source, 1, 1),
    });
    const text = hoverAt(inspection, 1, 8);
    assert.match(text, /\*\*∂f\/∂x = 45\*\*/);
    assert.equal(text.match(/ · ∂/g)?.length, 6);
    assert.ok(text.includes('… and 3 more uses'), text);
    assert.ok(text.includes('∂f/∂x = sum of the 9 contributions = 45'), text);
  });

  it('keeps hostile names as plain text', async () => {
    const source = 'f = a * b';
    const inspection = await inspectionOf({
      source,
      language: 'python',
      values: { a: 2, b: 3 },
    });
    const renamed: Inspection = {
      ...inspection,
      result: {
        ...inspection.result,
        output: { ...inspection.result.output, name: '[x](command:workbench.action.quit)' },
        inputs: inspection.result.inputs.map((input) => ({
          ...input,
          name: '<img src=x onerror=alert(1)>',
        })),
      },
    };
    const text = hoverAt(renamed, 0, 0).replace(/\n\n\[Show in graph\]\(command:show\?\d+\)$/, '');
    assert.ok(!/[^\\]\]\(command/.test(text), text);
    assert.ok(!/[^\\]</.test(text), text);
    assert.ok(text.includes('\\[x\\]\\(command\\:workbench.action.quit\\)'), text);
  });

  it('says the inspection is stale', () => {
    const stale: Inspection = { ...reference, stale: 'syntax error at line 4' };
    assert.match(hoverAt(stale, 3, 4), /^\*Stale:\* syntax error at line 4/);
  });
});
