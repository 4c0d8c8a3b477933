import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy, SONNER_STYLE_HASHES } from "./content-security-policy";

const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)]));

describe("pageContentSecurityPolicy", () => {
  it("runs only scripts carrying this response's nonce, and what they load", () => {
    const policy = directives(pageContentSecurityPolicy("abc123==", { development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='", ...SONNER_STYLE_HASHES.split(" ")]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows eval, and style elements without a nonce, in development only", () => {
    expect(pageContentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy("n", { development: false })).not.toContain("'unsafe-eval'");
    expect(directives(pageContentSecurityPolicy("n", { development: false })).get("style-src")).not.toContain("'unsafe-inline'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
