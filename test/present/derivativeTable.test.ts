import assert from 'node:assert/strict';
import type { InspectionResult } from '../../src/engine/result';
import { latexTable, markdownTable } from '../../src/present/derivativeTable';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';

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
    assert.match(lines[6]!, /^\| z \| −4 \| 3 \| `x \+ y` \| .* \(ok\) \|$/);
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
});
