/**
 * The note that says where a function's values came from: "values from the call at line 12:
 * x = 1", and what a transformation called there returns in terms of what is shown.
 */
import type { NameAt } from './codeAst';

/** The parameters, in order: `argnums` counts them. */
type Params = readonly { readonly name: NameAt }[];
import type { CallSite, Transform } from './callSites';
import { excerpt } from './syntax';
import type { SourceLines } from '../sourceLines';

export function callSiteNote(
  site: CallSite,
  name: string,
  given: readonly string[],
  params: Params,
  lines: SourceLines,
): string {
  const line = lines.lineOf(site.span.from) + 1;
  const values =
    given.length === 0
      ? 'none needed (each parameter has a value typed or annotated)'
      : given.join(', ');
  const head = `values from the call at line ${line}: ${values}`;
  return site.transform === undefined
    ? head
    : `${head} (\`${excerpt(site.call.text, 60)}\`: ${transformMeaning(site.transform, name, params)})`;
}

/** What the transformed function returns, as the inspection of `name` shows it. */
export function transformMeaning(transform: Transform, name: string, params: Params): string {
  switch (transform.kind) {
    case 'jit':
      return `the compiled ${name} computes ${name} itself`;
    case 'grad':
      return `its value is ${gradientText(transform, name, params)}`;
    case 'value_and_grad':
      return `its value is (${name}, ${gradientText(transform, name, params)}): the output shown and its gradient`;
  }
}

/** `∂f/∂x, the gradient shown for x`, or the gradients of the parameters `argnums` picks. */
function gradientText(transform: Transform, name: string, params: Params): string {
  const names = (transform.argnums ?? []).flatMap((i) => {
    const param = params[i]?.name.name;
    return param === undefined ? [] : [param];
  });
  if (transform.argnums === undefined || names.length !== transform.argnums.length) {
    return `the gradient of ${name} with respect to the parameters \`argnums\` picks`;
  }
  const parts = names.map((param) => `∂${name}/∂${param}`);
  const shown = `the gradient${names.length === 1 ? '' : 's'} shown for ${names.join(', ')}`;
  return names.length === 1 ? `${parts.join('')}, ${shown}` : `(${parts.join(', ')}), ${shown}`;
}
