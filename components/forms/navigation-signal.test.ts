import { notFound, redirect } from "next/navigation";
import { describe, expect, it } from "vitest";
import { isNavigation } from "./navigation-signal";

const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("nothing thrown");
};

describe("isNavigation", () => {
  it("recognises a redirect and a not-found, the way a redirecting action rejects", () => {
    expect(isNavigation(thrown(() => redirect("/channels")))).toBe(true);
    expect(isNavigation(thrown(() => notFound()))).toBe(true);
  });

  it("treats anything else as a failure", () => {
    expect(isNavigation(new TypeError("Failed to fetch"))).toBe(false);
    expect(isNavigation(undefined)).toBe(false);
  });
});
