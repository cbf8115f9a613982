/**
 * What each LaTeX command means to the lexer. Commands that only shape the typesetting
 * (spacing, sizes, `\left`) are skipped; the rest become ordinary tokens, so the parser never
 * sees LaTeX.
 */
import type { BracketKind, CompareSymbol, OperatorSymbol } from './tokens';

export type LatexCommand =
  /** Typesetting only. */
  | { readonly kind: 'skip' }
  /** `\left`, `\bigl` …: the delimiter after it is the token, and spans the command too. */
  | { readonly kind: 'sized' }
  /** Typesetting with one `{…}` argument to drop, e.g. `\label{eq}`, `\begin{aligned}`. */
  | { readonly kind: 'skip-argument' }
  | { readonly kind: 'operator'; readonly op: OperatorSymbol }
  | { readonly kind: 'bracket'; readonly side: 'open' | 'close'; readonly bracket: BracketKind }
  | { readonly kind: 'bar' }
  | { readonly kind: 'norm' }
  /** `\sum`, `\prod`: the head `_{i=1}^{n}` after it belongs to the token. */
  | { readonly kind: 'bigop'; readonly op: 'sum' | 'prod' }
  | { readonly kind: 'frac' }
  | { readonly kind: 'sqrt' }
  /** `\alpha`, `\sin`: a name, as written without the backslash. */
  | { readonly kind: 'name' }
  /** `\cot`, `\det`: a function Gradient Lens does not know; reported when used. */
  | { readonly kind: 'unknown-function' }
  /** `\mathrm{…}` and friends: the argument is the name. */
  | { readonly kind: 'font'; readonly form: 'plain' | 'operator' }
  /** `\hat{y}` is the name `y_hat`. */
  | { readonly kind: 'accent'; readonly suffix: string }
  /** `\underbrace{…}_{label}`: the argument is read, the label after it dropped. */
  | { readonly kind: 'labelled'; readonly mark: '_' | '^' }
  /** `\leq`, `\neq` …: only inside an indicator `\mathbb{1}(a \leq b)`. */
  | { readonly kind: 'compare'; readonly op: CompareSymbol }
  /** `\rightarrow`, `\Rightarrow`, `\to`: between equal forms of one formula. */
  | { readonly kind: 'arrow' }
  /** `\begin{aligned}`, `\end{aligned}`: only the environments of equations are read. */
  | { readonly kind: 'environment' };

export const GREEK_LETTERS: ReadonlySet<string> = new Set(
  [
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu',
    'xi omicron pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega',
    'Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega',
  ]
    .join(' ')
    .split(' '),
);

const FUNCTION_COMMANDS = 'sin cos tan arcsin arccos arctan sinh cosh tanh exp ln log max min sgn';
const UNKNOWN_FUNCTION_COMMANDS =
  'cot sec csc coth arg det deg dim gcd hom inf ker lg lim liminf limsup Pr sup';

const TABLE = new Map<string, LatexCommand>();

function define(names: string, command: LatexCommand): void {
  for (const name of names.split(' ')) {
    TABLE.set(name, command);
  }
}

define('left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr', {
  kind: 'sized',
});
define('quad qquad displaystyle textstyle limits nolimits nonumber notag', { kind: 'skip' });
define('enspace thinspace medspace thickspace negthinspace negmedspace negthickspace', {
  kind: 'skip',
});
define('label tag hspace vspace phantom hphantom vphantom', { kind: 'skip-argument' });
define('begin end', { kind: 'environment' });
define('underbrace', { kind: 'labelled', mark: '_' });
define('overbrace', { kind: 'labelled', mark: '^' });
define('lt', { kind: 'compare', op: '<' });
define('gt', { kind: 'compare', op: '>' });
define('leq le leqslant', { kind: 'compare', op: '<=' });
define('geq ge geqslant', { kind: 'compare', op: '>=' });
define('neq ne', { kind: 'compare', op: '!=' });
define('to rightarrow Rightarrow longrightarrow Longrightarrow implies', { kind: 'arrow' });
define('cdot times ast', { kind: 'operator', op: '*' });
define('div', { kind: 'operator', op: '/' });
define('lbrace', { kind: 'bracket', side: 'open', bracket: 'brace' });
define('rbrace', { kind: 'bracket', side: 'close', bracket: 'brace' });
define('lbrack', { kind: 'bracket', side: 'open', bracket: 'bracket' });
define('rbrack', { kind: 'bracket', side: 'close', bracket: 'bracket' });
define('vert lvert rvert', { kind: 'bar' });
define('Vert lVert rVert', { kind: 'norm' });
define('sum', { kind: 'bigop', op: 'sum' });
define('prod', { kind: 'bigop', op: 'prod' });
define('frac dfrac tfrac cfrac', { kind: 'frac' });
define('sqrt', { kind: 'sqrt' });
define([...GREEK_LETTERS].join(' '), { kind: 'name' });
define(FUNCTION_COMMANDS, { kind: 'name' });
define(UNKNOWN_FUNCTION_COMMANDS, { kind: 'unknown-function' });
define(
  'mathrm mathit mathbf mathsf mathtt mathnormal mathbb text textrm textit textbf boldsymbol bm',
  {
    kind: 'font',
    form: 'plain',
  },
);
define('operatorname', { kind: 'font', form: 'operator' });
define('hat widehat', { kind: 'accent', suffix: 'hat' });
define('bar overline', { kind: 'accent', suffix: 'bar' });
define('tilde widetilde', { kind: 'accent', suffix: 'tilde' });
define('vec', { kind: 'accent', suffix: 'vec' });
define('dot', { kind: 'accent', suffix: 'dot' });
define('ddot', { kind: 'accent', suffix: 'ddot' });

/** Environments whose lines are equations; `&` in them is only an alignment point. */
const EQUATION_ENVIRONMENTS: ReadonlySet<string> = new Set(
  'aligned align align* alignat alignat* equation equation* gather gather* gathered split multline multline* eqnarray eqnarray* displaymath math'.split(
    ' ',
  ),
);

export function isEquationEnvironment(name: string): boolean {
  return EQUATION_ENVIRONMENTS.has(name);
}

export function latexCommand(name: string): LatexCommand | undefined {
  return TABLE.get(name);
}

/** `\,` `\;` `\!` `\:` `\>` `\ `: spacing, ignored. */
export function isSpacingSymbol(char: string): boolean {
  return (
    char === ',' || char === ';' || char === '!' || char === ':' || char === '>' || char === ' '
  );
}
