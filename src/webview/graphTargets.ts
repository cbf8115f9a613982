/**
 * What a click or key in a drawn graph is aimed at (drawGraph's markup contract): a node by its
 * `data-node`, a group by its label or its collapsed node's `data-group`. Any graph's view reads
 * its events with these.
 */

/** The group a click or key on a group's label, or on a collapsed group's node, toggles. */
export function groupOf(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) {
    return undefined;
  }
  const label = target.closest('.gl-cluster-label');
  const owner =
    label?.closest<SVGGElement>('g.gl-cluster') ?? target.closest<SVGGElement>('g.gl-node--group');
  const id = owner?.dataset.group;
  return id === undefined ? undefined : Number(id);
}

export function nodeOf(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) {
    return undefined;
  }
  const node = target.closest<SVGGElement>('g.gl-node');
  const id = node?.dataset.node;
  return id === undefined ? undefined : Number(id);
}
