/**
 * Text from the document (names, numbers, formulas) put into Markdown as plain text: every
 * character that Markdown could read as syntax is backslash-escaped, so a name such as
 * `[x](command:…)` or `<img …>` stays text and can never become a link or markup.
 */
const MARKDOWN_SYNTAX = /[\\`*_{}[\]()#!|<>~&$:]/g;

export function markdownText(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, (char) => `\\${char}`);
}
