/** One input box for input values: `y=5, z=-4`, prefilled, checked as the user types. */
import * as vscode from 'vscode';
import { formatValueList, parseValueList } from '../core/valueList';
import { markWalkthroughStep } from './walkthrough';

export async function askForValues(
  prompt: string,
  prefill: Readonly<Record<string, number>>,
  required: readonly string[] = [],
): Promise<Readonly<Record<string, number>> | undefined> {
  const answer = await vscode.window.showInputBox({
    title: 'Gradient Lens: input values',
    prompt,
    value: formatValueList(prefill),
    ignoreFocusOut: true,
    validateInput: (text) => problemWith(text, required),
  });
  if (answer === undefined) {
    return undefined;
  }
  markWalkthroughStep('valueEdited');
  const parsed = parseValueList(answer);
  return parsed.ok ? parsed.values : undefined;
}

function problemWith(text: string, required: readonly string[]): string | undefined {
  const parsed = parseValueList(text);
  if (!parsed.ok) {
    return parsed.message;
  }
  const missing = required.filter(
    (name) => !Object.prototype.hasOwnProperty.call(parsed.values, name),
  );
  return missing.length === 0 ? undefined : `still needs ${missing.join(', ')}`;
}
