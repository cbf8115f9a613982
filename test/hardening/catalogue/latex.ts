/** LaTeX, read by the math front end: hostile and unsupported input, and what must happen. */
import { DEEP, entry, fill, nested, reads, refused, SIGMOID, type BadInput } from './types';

const TOO_DEEP = /nested more than 500 levels deep/;
const NOT_SUPPORTED = (command: string) =>
  new RegExp(`the LaTeX command \\\\${command} is not supported`);
const unsupportedCommand = (source: string, command: string): BadInput =>
  entry(`\\${command}`, source, refused('unsupported', NOT_SUPPORTED(command), `\\${command}`));

/** \frac{\frac{…{x}…}{2}}{2}, `depth` levels. */
function deepFractions(depth: number): string {
  return `${'\\frac{'.repeat(depth)}x${'}{2}'.repeat(depth)}`;
}

export const LATEX: readonly BadInput[] = [
  // Braces and delimiters.
  entry('an unclosed brace', '\\frac{x}{y', refused('syntax', /`\{` is never closed/, '{')),
  entry('a \\frac with one argument', '\\frac{x}', refused('syntax', /\\frac\{a\}\{b\}/, '\\frac')),
  entry('a \\frac without braces', '\\frac12', refused('syntax', /\\frac\{a\}\{b\}/, '\\frac')),
  entry('an unclosed \\left(', '\\left( x + y', refused('syntax', /never closed/, '\\left(')),
  entry('a \\right) without \\left', 'x + y \\right)', refused('syntax', /no opening/, '\\right)')),
  entry(
    '\\left( closed by \\right]',
    '\\left( x \\right]',
    refused('syntax', /does not match/, '\\right]'),
  ),
  entry('an unclosed \\sqrt[n]{', '\\sqrt[3]{x', refused('syntax', /never closed/, '{')),
  entry('empty braces', '\\sqrt{}', refused('syntax', /empty brackets/, '{}')),
  entry('a lone backslash', 'x + \\', refused('syntax', /a lone `\\`/, '\\')),
  entry(
    'a \\cdot with nothing after it',
    'x \\cdot',
    refused('syntax', /ends after `\\cdot`/, '\\cdot'),
  ),
  entry('an unclosed inline formula', '$x + y', reads(3, { x: 1, y: 1 }), { x: 1, y: 2 }),

  // Unsupported commands, including ones that do things in a real TeX engine.
  entry(
    'a sum with an unknown bound',
    '\\sum_{i=1}^n x_i',
    refused('unknown-name', /the upper bound `n` of `\\sum_\{i=1\}\^n` is not known/, 'n'),
  ),
  entry(
    'a sum of a million terms',
    '\\sum_{i=1}^{1000000} x_i',
    refused(
      'too-large',
      /has 1,000,000 terms; at most 100,000 can be unrolled/,
      '\\sum_{i=1}^{1000000}',
    ),
  ),
  entry(
    'a sum in a sum, 10^5 terms each',
    '\\sum_{i=1}^{100000}\\sum_{j=1}^{100000} x',
    refused(
      'too-large',
      /inside sums or products of 100,000 terms makes 10,000,000,000 terms; at most 100,000/,
      '\\sum_{j=1}^{100000}',
    ),
  ),
  unsupportedCommand('\\int_0^1 x dx', 'int'),
  unsupportedCommand('\\partial x', 'partial'),
  unsupportedCommand('\\nabla f', 'nabla'),
  unsupportedCommand('\\binom{n}{k}', 'binom'),
  unsupportedCommand('\\infty + x', 'infty'),
  unsupportedCommand('\\lfloor x \\rfloor', 'lfloor'),
  entry(
    'a comparison outside an indicator',
    'x \\le y',
    refused('syntax', /unexpected `\\le`/, '\\le'),
  ),
  unsupportedCommand('\\href{command:workbench.action.quit}{x}', 'href'),
  unsupportedCommand('\\url{https://example.com}', 'url'),
  unsupportedCommand('\\input{/etc/passwd}', 'input'),
  unsupportedCommand('\\def\\x{1} x', 'def'),
  unsupportedCommand('\\newcommand{\\f}{x}', 'newcommand'),
  unsupportedCommand('\\immediate\\write18{rm -rf /}', 'immediate'),
  unsupportedCommand('\\verb|x|', 'verb'),
  unsupportedCommand('\\color{red}{x}', 'color'),
  unsupportedCommand('\\constructor x', 'constructor'),
  unsupportedCommand('\\valueOf x', 'valueOf'),
  entry(
    '\\sin^{-1} (an inverse)',
    '\\sin^{-1} x',
    refused('unsupported', /inverse function/, '\\sin^{-1}'),
  ),
  entry(
    'a limit',
    '\\lim_{x \\to 0} x',
    refused('unknown-function', /`\\lim_\{x \\to 0\}` is not a supported function/),
  ),
  entry(
    'an unknown \\operatorname',
    '\\operatorname{foo}(x)',
    refused('unknown-function', /`\\operatorname\{foo\}`/, '\\operatorname{foo}'),
  ),
  entry(
    '\\mathrm{constructor} called',
    '\\mathrm{constructor}(x)',
    refused('unknown-function', /`\\mathrm\{constructor\}`/),
  ),
  entry(
    '\\operatorname{toString} called',
    '\\operatorname{toString}(x)',
    refused('unknown-function', /`\\operatorname\{toString\}`/),
  ),
  entry(
    '\\operatorname{__proto__}',
    '\\operatorname{__proto__}(x)',
    refused('syntax', /\\operatorname needs a name in braces/, '\\operatorname'),
  ),
  entry('\\__proto__', '\\__proto__', refused('unsupported', NOT_SUPPORTED('_'), '\\_')),
  entry(
    'a script tag in \\text',
    '\\text{<script>alert(1)</script>}',
    refused('syntax', /\\text needs a name/, '\\text'),
  ),
  entry(
    'a command link in \\mathrm',
    '\\mathrm{[x](command:workbench.action.quit)}',
    refused('syntax', /\\mathrm needs a name/, '\\mathrm'),
  ),
  entry(
    'a cases environment',
    '\\begin{cases} x & x > 0 \\\\ 0 \\end{cases}',
    refused('unsupported', /the environment cases is not read/, '\\begin{cases}'),
  ),

  // Characters after a backslash or inside braces.
  entry(
    'an emoji command',
    '\\😀',
    refused('unsupported', /the LaTeX command \\😀 is not supported/, '\\😀'),
  ),
  entry(
    'a NUL after a backslash',
    '\\\u0000 x',
    refused('syntax', /invisible character U\+0000/, '\\\u0000'),
  ),
  entry(
    'a right-to-left override in a fraction',
    '\\frac{x}{\u202e y}',
    refused('syntax', /U\+202E/, '\u202e'),
  ),
  entry(
    'a bell character in a fraction',
    '\\frac{x}{\u0007}',
    refused('syntax', /U\+0007/, '\u0007'),
  ),
  entry(
    'a lone surrogate in a square root',
    '\\sqrt{\ud83d}',
    refused('syntax', /U\+D83D/, '\ud83d'),
  ),

  // Depth: everything deeper than 500 levels is refused at the bracket that goes too deep.
  entry('10,000 nested fractions', () => deepFractions(DEEP), refused('too-deep', TOO_DEEP, '{')),
  entry(
    '10,000 nested square roots',
    () => nested('\\sqrt{', 'x', '}', DEEP),
    refused('too-deep', TOO_DEEP, '{'),
  ),
  entry(
    '10,000 nested \\left( \\right)',
    () => nested('\\left(', 'x', '\\right)', DEEP),
    refused('too-deep', TOO_DEEP, '\\left('),
  ),
  entry(
    '10,000 nested braces',
    () => nested('{', 'x', '}', DEEP),
    refused('too-deep', TOO_DEEP, '{'),
  ),
  entry(
    '10,000 nested exponentials',
    () => nested('e^{', 'x', '}', DEEP),
    refused('too-deep', TOO_DEEP, '{'),
  ),
  entry(
    '10,000 \\sin without braces',
    () => `${'\\sin '.repeat(DEEP)}x`,
    refused('too-deep', TOO_DEEP, '\\sin'),
  ),
  entry(
    '10,000 negated \\left(',
    () => nested('-\\left(', 'x', '\\right)', DEEP),
    refused('too-deep', TOO_DEEP, '\\left('),
  ),
  entry(
    'a chain of 10,000 minus signs in $…$',
    () => `$${'-'.repeat(DEEP)}x$`,
    reads(2, { x: 1 }),
    { x: 2 },
  ),

  // Size.
  entry(
    'a 1 MB single line of fractions',
    () => fill('\\frac{x}{2} + '),
    refused('too-large', /at most 1000000/),
  ),
  entry(
    'a command name of 10⁵ letters',
    () => `\\${'a'.repeat(100_000)} x`,
    refused('unsupported', /the LaTeX command \\a{39}… is not supported/),
  ),
  entry(
    'an \\operatorname of 10⁵ letters',
    () => `\\operatorname{${'a'.repeat(100_000)}}(x)`,
    refused('unknown-function', /`\\operatorname\{a{25}…\}`/),
  ),

  // Readings that must come out right.
  entry('a display formula with an annotation', '$$x^2$$ at: x=3', reads(9, { x: 6 })),
  entry(
    'the sigmoid in LaTeX',
    '\\frac{1}{1 + e^{-x}}\n% at: x=0.5',
    reads(SIGMOID(0.5), { x: SIGMOID(0.5) * (1 - SIGMOID(0.5)) }),
  ),
  entry('a division by zero', '\\frac{x}{0}', reads(Infinity, { x: Infinity }), { x: 2 }),
  entry('the square root of a negative number', '\\sqrt{-x}', reads(NaN, { x: NaN }), { x: 1 }),
  entry('an exponent of 1e999', 'x^{1e999}', reads(0, { x: NaN }), { x: 0.5 }),
  entry('Greek letters as inputs', '\\alpha \\cdot \\beta', reads(6, { alpha: 3, beta: 2 }), {
    alpha: 2,
    beta: 3,
  }),
  entry(
    '\\left\\{ \\right\\} as brackets',
    '\\left\\{ x \\right\\} \\times 2',
    reads(4, { x: 2 }),
    { x: 2 },
  ),
];
