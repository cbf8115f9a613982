/** Math notation: plain formulas and LaTeX in notes, read by the hand-written parser here. */
import { describeLanguage } from '../descriptor';

export const mathLanguage = describeLanguage({
  id: 'math',
  displayName: 'math notation',
  vscodeLanguages: ['markdown', 'latex', 'plaintext'],
  fileExtensions: ['.md', '.markdown', '.tex', '.txt'],
  codeLens: [/^\s*[\p{L}_][\p{L}\p{N}_]*(?:\s*\([^)]*\))?\s*=(?!=)/u],
});
