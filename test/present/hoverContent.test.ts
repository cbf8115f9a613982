import assert from 'node:assert/strict';
import type { ScalarInspection } from '../../src/present/inspection';
import { hoverMarkdown } from '../../src/present/hoverContent';
import { referenceAt } from '../../src/present/inspection';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { REBINDING, UNUSED_STEP, pythonInspection } from '../support/unusedInputs';

const OPTIONS = { precision: 6, showNodeCommand: (node: number) => `command:show?${node}` };

function hoverAt(inspection: ScalarInspection, line: number, column: number): string {
  const reference = referenceAt(inspection, line, column);
  assert.ok(reference, `no reference at ${line}:${column}`);
  const markdown = hoverMarkdown(inspection, reference, OPTIONS);
  assert.ok(markdown !== undefined);
  return markdown;
}

describe('hover content', () => {
  let reference: ScalarInspection;
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
    const renamed: ScalarInspection = {
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
    const stale: ScalarInspection = { ...reference, stale: 'syntax error at line 4' };
    assert.match(hoverAt(stale, 3, 4), /^\*Stale:\* syntax error at line 4/);
  });
});

/** Hover text with Markdown's escapes taken out, to read as the user reads it. */
function plain(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

function plainHoverAt(inspection: ScalarInspection, line: number, column: number): string {
  return plain(hoverAt(inspection, line, column));
}

describe('hover content: unused inputs and rebound names', () => {
  for (const each of REBINDING) {
    describe(each.language, () => {
      let inspection: ScalarInspection;
      before(async () => {
        inspection = await inspectionOf({ source: each.source, language: each.language });
      });

      it('over x where f reads it: the gradient of that binding, named by its line', () => {
        const text = plainHoverAt(inspection, ...each.usedRead);
        assert.ok(text.includes(`**∂f/∂x (line ${each.usedLine + 1}) = 3**`), text);
        assert.ok(text.includes('x₂ in the graph and the steps'), text);
        assert.ok(text.includes('*Symbolic:* ∂f/∂x (line'), text);
      });

      it('over x in f0 = x * y: that binding is not used by f, with its value, no ∂f/∂x', () => {
        for (const text of [
          plainHoverAt(inspection, ...each.unusedRead),
          plainHoverAt(inspection, ...each.unusedWrite),
        ]) {
          assert.ok(text.startsWith('**x (line 1) is not used by f**'), text);
          assert.ok(text.includes('x (line 1) = −2'), text);
          assert.doesNotMatch(text, /∂f\/∂x|= 0\b/);
        }
      });

      it('over y: ∂f/∂y = 1, y being bound once', () => {
        const [line, column] = each.usedRead;
        const text = plainHoverAt(inspection, line, column + 8);
        assert.ok(text.startsWith('**∂f/∂y = 1**'), text);
      });

      it('over f: the gradients of the used inputs, and the unused ones apart', () => {
        const text = plainHoverAt(inspection, ...each.output);
        assert.ok(text.includes('∂f/∂y = 1 · ∂f/∂x = 3'), text);
        assert.ok(text.includes('*Not used by f:* x (line 1) = −2'), text);
        assert.doesNotMatch(text, /∂f\/∂x \(line 1\)/);
      });

      it('over f0, which f does not use: no gradient, not even 0', () => {
        const [line] = each.unusedRead;
        const reference = inspection.program.references.find(
          (candidate) => candidate.name === 'f0' && candidate.range.start.line === line,
        );
        assert.ok(reference);
        const text = plain(hoverMarkdown(inspection, reference, OPTIONS) ?? '');
        assert.ok(text.includes('f0 = −10 does not reach f: it has no gradient'), text);
        assert.doesNotMatch(text, /= 0\b|∂f\/∂f0/);
      });
    });
  }

  it('says a step size the output never reads is not used', async () => {
    const inspection = await pythonInspection(UNUSED_STEP);
    const text = plainHoverAt(inspection, 1, 0);
    assert.ok(text.startsWith('**h is not used by f**'), text);
    assert.ok(text.includes('h = 0.0001'), text);
    assert.doesNotMatch(text, /∂f\/∂h/);
    assert.ok(plainHoverAt(inspection, 2, 0).includes('*Not used by f:* h = 0.0001'));
  });
});

describe('hover content: conditions and notes', () => {
  it('over an if condition: which branch ran, and that the gradient does not flow through it', async () => {
    const source = 'w = 2.0\nx = 1.5\nif w > 1:\n    f = w * x\nelse:\n    f = x\n';
    const inspection = await inspectionOf({ source, language: 'python' });
    // Over the comparison itself (the names in it have hovers of their own).
    const text = hoverAt(inspection, 2, 5);
    assert.ok(text.startsWith('**Condition:** \\`w \\> 1\\` is true at this point'), text);
    assert.match(text, /took the \\`if\\` branch/);
    assert.match(text, /the gradient does not flow through the condition/);
    assert.doesNotMatch(text, /no gradient|does not reach/);
  });

  it('says when a function nothing defines was read as the catalogue’s', async () => {
    const source = '# at: w0=2, x0=-1, w1=-3, x1=-2, w2=-3\nf = sigmoid(w0*x0 + w1*x1 + w2)\n';
    const inspection = await inspectionOf({ source, language: 'python' });
    const text = hoverAt(inspection, 1, 12);
    assert.match(text, /\*Note:\* \\`sigmoid\\` is not defined in this file; read as/);
  });
});
