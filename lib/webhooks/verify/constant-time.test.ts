import { describe, expect, it } from "vitest";
import { equalDigests, equalSecrets } from "./constant-time";

describe("equalSecrets", () => {
  it("matches equal strings only", () => {
    expect(equalSecrets("s3cret", "s3cret")).toBe(true);
    expect(equalSecrets("s3cret", "s3creT")).toBe(false);
    expect(equalSecrets("s3cret", "s3cret ")).toBe(false);
    expect(equalSecrets("", "s3cret")).toBe(false);
  });

  it("compares text as UTF-8, not as UTF-16 code units", () => {
    expect(equalSecrets("pässwörd", "pässwörd")).toBe(true);
    expect(equalSecrets("pässwörd", "passwort")).toBe(false);
  });
});

describe("equalDigests", () => {
  it("matches equal bytes and refuses different lengths or empty input", () => {
    expect(equalDigests(Buffer.from("abcd"), Buffer.from("abcd"))).toBe(true);
    expect(equalDigests(Buffer.from("abcd"), Buffer.from("abce"))).toBe(false);
    expect(equalDigests(Buffer.from("abcd"), Buffer.from("abc"))).toBe(false);
    expect(equalDigests(Buffer.alloc(0), Buffer.alloc(0))).toBe(false);
  });
});
