import { describe, expect, it } from "vitest";
import { nestOuRows, ouPathLabel, type OuNode, type OuRow } from "./tree";

const row = (id: string, parentId: string | null, path: string[] = []): OuRow => ({ id, parentId, name: id, path });

/** The forest as nested [id, children] pairs, with a node's context when it has one. */
function shape(nodes: OuNode[]): unknown[] {
  return nodes.map((n) => (n.context.length ? [n.ou.id, shape(n.children), n.context] : [n.ou.id, shape(n.children)]));
}

describe("nestOuRows", () => {
  it("nests a depth-first page into trees, keeping the order of the rows", () => {
    const rows = [
      row("Sales", null),
      row("EMEA", "Sales", ["Sales"]),
      row("Berlin", "EMEA", ["Sales", "EMEA"]),
      row("Paris", "EMEA", ["Sales", "EMEA"]),
      row("APAC", "Sales", ["Sales"]),
      row("Support", null),
    ];
    expect(shape(nestOuRows(rows))).toEqual([
      ["Sales", [["EMEA", [["Berlin", []], ["Paris", []]]], ["APAC", []]]],
      ["Support", []],
    ]);
  });

  it("starts a page in the middle of a subtree with the ancestors as context", () => {
    // Page 2 begins with Paris, whose parent EMEA ended page 1.
    const rows = [row("Paris", "EMEA", ["Sales", "EMEA"]), row("Lyon", "Paris", ["Sales", "EMEA", "Paris"]), row("APAC", "Sales", ["Sales"])];
    expect(shape(nestOuRows(rows))).toEqual([
      ["Paris", [["Lyon", []]], ["Sales", "EMEA"]],
      ["APAC", [], ["Sales"]],
    ]);
  });

  it("attaches children that arrive before their parent", () => {
    expect(shape(nestOuRows([row("child", "parent", ["parent"]), row("parent", null)]))).toEqual([["parent", [["child", []]]]]);
  });

  it("never loses a row: a loop and a row that is its own parent still appear once", () => {
    const rows = [row("a", "b", ["b"]), row("b", "a", ["a"]), row("self", "self", ["self"]), row("a", null)];
    const forest = nestOuRows(rows);
    const ids: string[] = [];
    const walk = (nodes: OuNode[]) => nodes.forEach((n) => (ids.push(n.ou.id), walk(n.children)));
    walk(forest);
    expect(ids.sort()).toEqual(["a", "b", "self"]);
    expect(shape(forest)).toEqual([
      ["self", [], ["self"]],
      ["a", [["b", []]], ["b"]],
    ]);
  });

  it("returns nothing for no rows", () => {
    expect(nestOuRows([])).toEqual([]);
  });
});

describe("ouPathLabel", () => {
  it("joins names from the root down", () => {
    expect(ouPathLabel(["Sales", "EMEA", "Berlin"])).toBe("Sales › EMEA › Berlin");
    expect(ouPathLabel(["Sales"])).toBe("Sales");
  });
});
