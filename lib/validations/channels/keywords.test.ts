import { describe, expect, it } from "vitest";
import { duplicateKeywordIndexes, existingKeyword } from "./keywords";

describe("transfer keyword duplicates", () => {
  it("finds repeats after trimming, ignoring case", () => {
    expect(duplicateKeywordIndexes(["agent", "Human", " AGENT ", "human", "help"])).toEqual([2, 3]);
    expect(duplicateKeywordIndexes(["agent", "agents"])).toEqual([]);
  });

  it("names the keyword already in the list that a typed one repeats", () => {
    expect(existingKeyword(["Agent", "human"], "  agent ")).toBe("Agent");
    expect(existingKeyword(["Agent"], "agents")).toBeUndefined();
  });
});
