/**
 * Error messages quote the document, and the document may be hostile: a name of a million
 * characters, a right-to-left override that reverses the rest of a notification, a NUL. Every
 * message leaves a front end through `readableMessage`, which keeps it short and visible.
 */

/** Control, format (bidi marks, zero-width joiners) and lone surrogate characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const INVISIBLE_ALL = /(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** Longer runs of non-space characters than this are quoted document text: they are cut. */
const LONG_WORD = /\S{81,}/gu;
const KEPT_CHARACTERS = 40;
/** Closing quotes and punctuation kept after a cut, so `…` still reads as quoted. */
const TAIL = /[`'")\]},.:;]{0,3}$/u;

export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char);
}

/** `U+202E`: how an invisible character is named in a message. */
export function codePointName(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message with invisible characters named (U+202E) and very long quotes cut short. */
export function readableMessage(message: string): string {
  return message
    .replace(INVISIBLE_ALL, (char) => codePointName(char))
    .replace(LONG_WORD, (word) => {
      const tail = TAIL.exec(word)?.[0] ?? '';
      return `${[...word].slice(0, KEPT_CHARACTERS).join('')}…${tail}`;
    });
}
