import { describe, expect, it } from "vitest";
import { MAX_PEM_BLOCKS } from "@/lib/validations/certificates";
import { pemBundle, unterminatedPem } from "@/testing/hostile-certificates";
import { fixtureText } from "@/testing/fixtures/certificates";
import { pemBlocks, pemBody } from "./pem";

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { problem?: string }).problem;
  }
  return undefined;
}

function timed<T>(run: () => T): { ms: number; value: T | undefined } {
  const started = performance.now();
  let value: T | undefined;
  try {
    value = run();
  } catch {
    value = undefined;
  }
  return { ms: performance.now() - started, value };
}

describe("pemBlocks", () => {
  it("finds every block in file order, with the text around and between them ignored", () => {
    const file = `Bag Attributes\r\n${fixtureText("chain.pem").replace(/\n/g, "\r\n")}junk\n${fixtureText("leaf.key")}`;
    const blocks = pemBlocks(file);
    expect(blocks.map((block) => block.label)).toEqual(["CERTIFICATE", "CERTIFICATE", "CERTIFICATE", "PRIVATE KEY"]);
    expect(blocks[3]!.text).toBe(fixtureText("leaf.key").trim());
    expect(pemBody(blocks[3]!)).toEqual(new Uint8Array(Buffer.from(fixtureText("leaf.key").split("\n").slice(1, -2).join(""), "base64")));
  });

  it("skips a BEGIN line without its END, a lower-case label and a mismatched END", () => {
    const leaf = fixtureText("leaf.pem");
    const text = `-----BEGIN PRIVATE KEY-----\nAAAA\n-----BEGIN thing-----\nx\n-----END thing-----\n-----BEGIN KEY-----\n-----END OTHER-----\n${leaf}`;
    expect(pemBlocks(text).map((block) => block.text)).toEqual([leaf.trim()]);
  });

  it(`refuses more than ${MAX_PEM_BLOCKS} BEGIN lines before reading any block`, () => {
    const blocks = fixtureText("bundle-11.pem");
    expect(pemBlocks(pemBundle(MAX_PEM_BLOCKS))).toHaveLength(MAX_PEM_BLOCKS);
    expect(problemOf(() => pemBlocks(pemBundle(MAX_PEM_BLOCKS + 1)))).toBe("tooManyPemBlocks");
    expect(problemOf(() => pemBlocks(blocks + "-----BEGIN ".repeat(MAX_PEM_BLOCKS)))).toBe("tooManyPemBlocks");
  });

  it("refuses 1,000 certificates and 1 MB of BEGIN lines that never end in a few milliseconds", () => {
    // The regular expression this replaced took ~40 s on the second file (quadratic backtracking).
    for (const file of [pemBundle(1000), unterminatedPem(1_000_000)]) {
      const { ms } = timed(() => pemBlocks(file));
      expect(problemOf(() => pemBlocks(file))).toBe("tooManyPemBlocks");
      expect(ms).toBeLessThan(50);
    }
  });

  it("reads as many unterminated BEGIN lines as allowed in linear time", () => {
    const file = "-----BEGIN CERTIFICATE-----\n".repeat(MAX_PEM_BLOCKS) + "A".repeat(1_000_000);
    const { ms, value } = timed(() => pemBlocks(file));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(100);
  });
});
