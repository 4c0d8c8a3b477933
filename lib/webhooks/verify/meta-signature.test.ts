import { describe, expect, it } from "vitest";
import { fixtureBytes } from "@/testing/fixtures/webhooks";
import { metaSignature, verifyMetaSignature } from "./meta-signature";

const APP_SECRET = "test_app_secret";

describe("metaSignature", () => {
  it("is HMAC-SHA256 as lowercase hex (protocols.md §1: HMAC(secret, test) = 0329a06b…0914)", () => {
    const signature = metaSignature("test", "secret");
    expect(signature).toMatch(/^sha256=0329a06b[0-9a-f]{52}0914$/);
    expect(signature).toBe("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
  });

  it("matches an independent computation over a fixture file's bytes (openssl dgst -sha256 -hmac)", () => {
    // openssl dgst -sha256 -hmac test_app_secret testing/fixtures/webhooks/meta-text.json
    expect(metaSignature(fixtureBytes("meta-text.json"), APP_SECRET)).toBe(
      "sha256=473171f127f06e5dcfa9cb190c38ea98142ec887409952a656e0fe1774c60a68",
    );
  });
});

describe("verifyMetaSignature", () => {
  const body = fixtureBytes("meta-text.json");
  const valid = metaSignature(body, APP_SECRET);

  it("accepts the signature of the raw body, as bytes or as the same text", () => {
    expect(verifyMetaSignature(body, valid, APP_SECRET)).toEqual({ ok: true });
    expect(verifyMetaSignature(body.toString("utf8"), valid, APP_SECRET)).toEqual({ ok: true });
  });

  it("accepts uppercase hex and surrounding whitespace; the prefix is case-insensitive", () => {
    const hex = valid.slice("sha256=".length);
    expect(verifyMetaSignature(body, `sha256=${hex.toUpperCase()}`, APP_SECRET)).toEqual({ ok: true });
    expect(verifyMetaSignature(body, `  ${valid} `, APP_SECRET)).toEqual({ ok: true });
    expect(verifyMetaSignature(body, `SHA256=${hex}`, APP_SECRET)).toEqual({ ok: true });
  });

  it("hashes escaped-unicode bodies as received: re-serialised JSON does not verify", () => {
    const raw = fixtureBytes("meta-escaped-unicode.json");
    expect(raw.toString("utf8")).toContain("\\u00e4\\u00f6\\u00e5");
    // openssl dgst -sha256 -hmac test_app_secret testing/fixtures/webhooks/meta-escaped-unicode.json
    const header = "sha256=f3bc623a36b94d6a22a9fabe7ea5c10c18bd0a8b614028dac28dbef995e202d5";
    expect(verifyMetaSignature(raw, header, APP_SECRET)).toEqual({ ok: true });

    const reserialised = JSON.stringify(JSON.parse(raw.toString("utf8")));
    expect(reserialised).toContain("äöå");
    expect(verifyMetaSignature(reserialised, header, APP_SECRET)).toEqual({ ok: false, reason: "signatureMismatch" });
  });

  it("verifies bytes that are not valid UTF-8 only as bytes (read arrayBuffer(), not text())", () => {
    const raw = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const header = metaSignature(raw, APP_SECRET);
    expect(verifyMetaSignature(raw, header, APP_SECRET)).toEqual({ ok: true });
    expect(verifyMetaSignature(new TextDecoder().decode(raw), header, APP_SECRET)).toEqual({ ok: false, reason: "signatureMismatch" });
  });

  it("refuses a signature made with another secret or over another body", () => {
    expect(verifyMetaSignature(body, metaSignature(body, "other_secret"), APP_SECRET)).toEqual({ ok: false, reason: "signatureMismatch" });
    expect(verifyMetaSignature(Buffer.concat([body, Buffer.from(" ")]), valid, APP_SECRET)).toEqual({
      ok: false,
      reason: "signatureMismatch",
    });
    const flipped = valid.slice(0, -1) + (valid.endsWith("0") ? "1" : "0");
    expect(verifyMetaSignature(body, flipped, APP_SECRET)).toEqual({ ok: false, reason: "signatureMismatch" });
  });

  it("reports a missing header", () => {
    expect(verifyMetaSignature(body, null, APP_SECRET)).toEqual({ ok: false, reason: "signatureMissing" });
    expect(verifyMetaSignature(body, "   ", APP_SECRET)).toEqual({ ok: false, reason: "signatureMissing" });
  });

  it.each([
    ["no prefix", valid.slice("sha256=".length)],
    ["sha1 prefix (the legacy X-Hub-Signature)", `sha1=${valid.slice("sha256=".length)}`],
    ["truncated", valid.slice(0, -2)],
    ["too long", `${valid}00`],
    ["not hex", `sha256=${"z".repeat(64)}`],
    ["two values joined by a proxy", `${valid}, ${valid}`],
    ["empty digest", "sha256="],
  ])("reports a malformed header: %s", (_case, header) => {
    expect(verifyMetaSignature(body, header, APP_SECRET)).toEqual({ ok: false, reason: "signatureMalformed" });
  });

  it("refuses everything when no App Secret is stored, even a signature made with the empty key", () => {
    expect(verifyMetaSignature(body, metaSignature(body, ""), "")).toEqual({ ok: false, reason: "secretNotConfigured" });
  });
});
