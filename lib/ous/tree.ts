/** OUs per page of the tree; the page is the tree flattened depth-first, so this bounds any shape. */
export const OU_TREE_PAGE_SIZE = 50;

export interface OuRow {
  id: string;
  parentId: string | null;
  name: string;
  /** Names of the ancestors, root first. */
  path: string[];
}

export interface OuNode<R extends OuRow = OuRow> {
  ou: R;
  children: OuNode<R>[];
  /**
   * On a node at the top of the page whose parent is elsewhere (an earlier page): the ancestors'
   * names, so the reader knows where the page continues the tree. Empty for real top-level OUs.
   */
  context: string[];
}

/**
 * Nests one page of OU rows (depth-first order) into a forest, keeping the rows' order. A row
 * whose parent is not among the rows starts a tree of its own, labelled with its ancestors. No
 * row is ever dropped, even from malformed input (a cycle, a row that is its own parent).
 */
export function nestOuRows<R extends OuRow>(rows: readonly R[]): OuNode<R>[] {
  const nodes = new Map<string, OuNode<R>>();
  for (const ou of rows) if (!nodes.has(ou.id)) nodes.set(ou.id, { ou, children: [], context: [] });

  const forest: OuNode<R>[] = [];
  for (const node of nodes.values()) {
    const { id, parentId, path } = node.ou;
    const parent = parentId && parentId !== id ? nodes.get(parentId) : undefined;
    if (parent) {
      parent.children.push(node);
    } else {
      node.context = parentId ? path : [];
      forest.push(node);
    }
  }

  // Rows that point at each other in a loop are reachable from no root: show them at the top level.
  const reached = new Set<string>();
  const visit = (node: OuNode<R>) => {
    if (reached.has(node.ou.id)) return;
    reached.add(node.ou.id);
    node.children.forEach(visit);
  };
  forest.forEach(visit);
  for (const node of nodes.values()) {
    if (reached.has(node.ou.id)) continue;
    for (const other of nodes.values()) other.children = other.children.filter((child) => child !== node);
    node.context = node.ou.path;
    forest.push(node);
    visit(node);
  }
  return forest;
}

/** "Sales › EMEA › Berlin" */
export function ouPathLabel(path: readonly string[]): string {
  return path.join(" › ");
}
