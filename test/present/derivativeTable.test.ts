import assert from 'node:assert/strict';
import type { InspectionResult } from '../../src/engine/result';
import { latexTable, markdownTable } from '../../src/present/derivativeTable';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { REBINDING, SQUARED_ERROR, UNUSED_STEP, pythonInspection } from '../support/unusedInputs';

describe('derivative table for the clipboard', () => {
  let reference: InspectionResult;
  before(async () => {
    const inspection = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
      check: true,
    });
    reference = inspection.result;
  });

  it('writes Markdown with the value, every input, gradient, symbolic derivative and check', () => {
    const lines = markdownTable(reference, { precision: 6 }).split('\n');
    assert.equal(lines[0], 'f = −12');
    assert.equal(lines[2], '| input | value | ∂f/∂input | symbolic | check |');
    assert.equal(lines[3], '| --- | ---: | ---: | --- | --- |');
    assert.match(lines[4]!, /^\| x \| −2 \| −4 \| `z` \| .* \(ok\) \|$/);
    assert.match(lines[6]!, /^\| z \| −4 \| 3 \| `q` \| .* \(ok\) \|$/);
  });

  it('writes a LaTeX tabular with ASCII minus signs and LaTeX symbolic derivatives', () => {
    const text = latexTable(reference, { precision: 6 });
    assert.ok(text.startsWith('\\begin{tabular}{lrrll}\n'));
    assert.ok(text.trimEnd().endsWith('\\end{tabular}'));
    assert.match(text, /\\texttt\{x\} & \$-2\$ & \$-4\$ & \$z\$ & .* \\\\/);
    assert.ok(!text.includes('−'), 'a Unicode minus in LaTeX');
  });

  it('escapes names from the document in both formats', () => {
    const hostile: InspectionResult = {
      ...reference,
      inputs: reference.inputs.map((input, i) =>
        i === 0 ? { ...input, name: 'a|b_c$\\x' } : input,
      ),
    };
    assert.ok(markdownTable(hostile, { precision: 6 }).includes('| a\\|b_c$\\\\x |'));
    assert.ok(
      latexTable(hostile, { precision: 6 }).includes('\\texttt{a|b\\_c\\$\\textbackslash{}x}'),
    );
  });

  for (const each of REBINDING) {
    it(`${each.language}: lists x (line 1) apart, under "not used by f", with no gradient`, async () => {
      const { result } = await inspectionOf({
        source: each.source,
        language: each.language,
        check: true,
      });
      const markdown = markdownTable(result, { precision: 6 });
      const [used, unused] = markdown.split('\n\n').slice(1);
      assert.match(used!, /^\| y \| 5 \| 1 \| `1` \| .* \|$/m);
      assert.match(used!, /^\| x \| −2 \| 3 \| `3` \| .* \|$/m);
      assert.doesNotMatch(used!, /line 1/);
      assert.equal(unused, '| not used by f | value |\n| --- | ---: |\n| x (line 1) | −2 |\n');
      const latex = latexTable(result, { precision: 6 });
      assert.ok(
        latex.endsWith(
          '\\begin{tabular}{lr}\nnot used by $\\mathrm{f}$ & value \\\\\n\\hline\n\\texttt{x (line 1)} & $-2$ \\\\\n\\end{tabular}\n',
        ),
        latex,
      );
      assert.equal(latex.match(/x \(line 1\)/g)?.length, 1);
    });
  }

  it('never writes a gradient of 0 for a step size f never reads', async () => {
    const { result } = await pythonInspection(UNUSED_STEP);
    const markdown = markdownTable(result, { precision: 6 });
    assert.ok(markdown.includes('| h | 0.0001 |'), markdown);
    assert.doesNotMatch(markdown, /\| h \| 0\.0001 \| 0 /);
    assert.doesNotMatch(latexTable(result, { precision: 6 }), /\{h\} & \$0\.0001\$ & \$0\$/);
  });

  it('has no second table when every input is used, and no NaN at a negative base', async () => {
    const { result } = await pythonInspection(SQUARED_ERROR);
    const markdown = markdownTable(result, { precision: 6 });
    assert.doesNotMatch(markdown, /not used|NaN/);
    assert.doesNotMatch(latexTable(result, { precision: 6 }), /not used|NaN/);
  });
});
