/**
 * The finder: the drawn nodes whose name, label or symbol holds the text typed in the find
 * box, marked in the drawing; "next" walks through them. Nodes folded inside a collapsed group
 * are found too: going to one opens the groups around it (the controller does).
 */
import type { InspectionResult } from '../engine/result';
import type { GraphView } from './graphView';

export class Finder {
  private text = '';
  private matches: number[] = [];
  private at = -1;

  constructor(
    private readonly graph: GraphView,
    /** Whether a node is out of the drawing only because a group around it is collapsed. */
    private readonly folded: (node: number) => boolean = () => false,
  ) {}

  /**
   * Finds `text` again (on a new drawing, say) or anew; with `next`, returns the match to
   * go to.
   */
  find(result: InspectionResult | undefined, text: string, next: boolean): number | undefined {
    this.text = text;
    const needle = text.trim().toLowerCase();
    this.matches = [];
    if (result !== undefined && needle.length > 0) {
      for (const node of result.nodes) {
        const names = [node.name ?? '', node.label, node.symbol];
        if (node.id === result.output.id) {
          names.push(result.output.name);
        }
        if (
          (this.graph.node(node.id) !== undefined || this.folded(node.id)) &&
          names.some((name) => name.toLowerCase().includes(needle))
        ) {
          this.matches.push(node.id);
        }
      }
    }
    const matched = new Set(this.matches);
    for (const [id, node] of this.graph.nodes) {
      node.classList.toggle('gl-node--match', matched.has(id));
    }
    if (!next) {
      this.at = -1;
      return undefined;
    }
    if (this.matches.length === 0) {
      return undefined;
    }
    this.at = (this.at + 1) % this.matches.length;
    return this.matches[this.at]!;
  }

  /** The same text again, after the drawing changed. */
  refresh(result: InspectionResult | undefined): void {
    this.find(result, this.text, false);
  }

  status(): string {
    if (this.text.trim().length === 0) {
      return '';
    }
    if (this.matches.length === 0) {
      return 'no match';
    }
    return this.at < 0
      ? `${this.matches.length} found`
      : `${this.at + 1} of ${this.matches.length}`;
  }
}
