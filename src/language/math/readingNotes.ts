/**
 * What the reading of a formula assumed (TeX's one-character subscripts, `σ` as the sigmoid,
 * an indicator, equal forms), each at its place: every view shows these notes.
 */
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';

export class ReadingNotes {
  private readonly found: { readonly at: Span; readonly text: string }[] = [];

  add(at: Span, text: string): void {
    this.found.push({ at, text });
  }

  /** Forgets the notes about text that turned out not to be read. */
  dropWithin(skipped: Span): void {
    const kept = this.found.filter(({ at }) => at.from < skipped.from || at.to > skipped.to);
    this.found.splice(0, this.found.length, ...kept);
  }

  /** `line 3: …`, in document order, each text once. */
  list(source: SourceLines): string[] {
    const lines = [...this.found]
      .sort((a, b) => a.at.from - b.at.from)
      .map(({ at, text }) => `line ${source.lineOf(at.from) + 1}: ${text}`);
    return [...new Set(lines)];
  }
}
