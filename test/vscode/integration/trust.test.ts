import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// The runner runs this suite twice: in a trusted window and in Restricted Mode. This checks
// that each run really is in the state it claims, so that a pass in "untrusted" means something.
describe('workspace trust', () => {
  it('is the state this run was set up for', () => {
    const untrusted = process.env.GRADIENT_LENS_VSCODE_PASS === 'untrusted workspace';
    assert.equal(vscode.workspace.isTrusted, !untrusted);
  });
});
