import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, SONNER_STYLE_HASHES } from "./content-security-policy";

/** The stylesheet sonner inserts at run time, read from the installed package. */
function sonnerInsertedCss(): string {
  const entry = createRequire(import.meta.url).resolve("sonner");
  const source = readFileSync(entry.replace(/index\.js$/, "index.mjs"), "utf8");
  const match = /__insertCSS\(("(?:[^"\\]|\\.)*")\)/.exec(source);
  if (!match) throw new Error("sonner no longer inserts its CSS with __insertCSS: check the toasts under the CSP");
  return JSON.parse(match[1]!) as string;
}

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("sonner's run-time stylesheet under the Content-Security-Policy", () => {
  it("is allowed by hash (empty, then filled), so an upgrade that changes it fails here rather than in the browser", () => {
    expect(SONNER_STYLE_HASHES.split(" ")).toEqual([hash(""), hash(sonnerInsertedCss())]);
  });

  it("is in the production style-src, beside the nonce", () => {
    const styleSrc = pageContentSecurityPolicy("abc", { development: false }).split("; ").find((d) => d.startsWith("style-src "));
    expect(styleSrc).toBe(`style-src 'self' 'nonce-abc' ${SONNER_STYLE_HASHES}`);
  });
});
