import { describe, expect, it } from "vitest";
import { jsonWithoutNul, optionalWithoutNul, withoutNul } from "./sanitize";

describe("NUL removal", () => {
  it("replaces U+0000 in text and leaves other text alone", () => {
    expect(withoutNul("a\u0000b\u0000")).toBe("a\uFFFDb\uFFFD");
    expect(withoutNul("plain ✓")).toBe("plain ✓");
    expect(optionalWithoutNul(undefined)).toBeNull();
  });

  it("replaces lone surrogates in text and keeps valid pairs", () => {
    expect(withoutNul("a\ud800b\udfff")).toBe("a\uFFFDb\uFFFD");
    expect(withoutNul("\ude00\ud83d\ud83d\ude00")).toBe("\uFFFD\uFFFD\u{1F600}");
    expect(withoutNul("😀 ✓")).toBe("😀 ✓");
  });

  it("replaces U+0000 in JSON strings and keys, but not a literal backslash-u0000 the sender wrote", () => {
    const value = { "k\u0000": ["x\u0000y", { deep: "\u0000" }], literal: "\\u0000", both: "\\\u0000" };
    const parsed = JSON.parse(jsonWithoutNul(value));
    expect(parsed).toEqual({ "k\uFFFD": ["x\uFFFDy", { deep: "\uFFFD" }], literal: "\\u0000", both: "\\\uFFFD" });
    expect(jsonWithoutNul(value)).not.toMatch(/(?<!\\)(\\\\)*\\u0000/);
  });

  it("replaces lone surrogates, which jsonb refuses, and keeps valid pairs and literal escapes", () => {
    const value = { "k\ud800": ["x\udfffy", "\ud83d\ude00", "\ude00\ud83d"], literal: "\\ud800", both: "\\\udbff" };
    const json = jsonWithoutNul(value);
    expect(JSON.parse(json)).toEqual({ "k\uFFFD": ["x\uFFFDy", "\u{1F600}", "\uFFFD\uFFFD"], literal: "\\ud800", both: "\\\uFFFD" });
    expect(json).not.toMatch(/(?<!\\)(\\\\)*\\ud[89a-f]/);
  });

  it("writes null for an absent value", () => {
    expect(jsonWithoutNul(undefined)).toBe("null");
  });
});
