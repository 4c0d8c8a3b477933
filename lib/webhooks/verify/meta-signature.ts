import { createHmac } from "node:crypto";
import type { VerifyResult } from "../reasons";
import { equalDigests } from "./constant-time";

/*
 * Meta WhatsApp Cloud API events (protocols.md §1): `X-Hub-Signature-256: sha256=<hex>` is the
 * HMAC-SHA256 of the POST body keyed with the App Secret. Meta signs the bytes it sends, which
 * carry non-ASCII text as \uXXXX escapes, so the raw body must be hashed exactly as received —
 * never a re-serialised JSON.parse result.
 */

export const META_SIGNATURE_HEADER = "x-hub-signature-256";

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** The header value Meta would send for `rawBody` (tests, fixtures and the bench sign with it). */
export function metaSignature(rawBody: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

/**
 * Checks `X-Hub-Signature-256` against the raw body. Pass the body's bytes (`arrayBuffer()`);
 * a string is hashed as UTF-8, which equals the bytes only when the body was valid UTF-8.
 * Hex digits may be in either case; the prefix must be `sha256=`.
 */
export function verifyMetaSignature(rawBody: Uint8Array | string, header: string | null, appSecret: string): VerifyResult {
  if (!appSecret) return { ok: false, reason: "secretNotConfigured" };
  const value = header?.trim();
  if (!value) return { ok: false, reason: "signatureMissing" };
  const match = SIGNATURE.exec(value);
  if (!match) return { ok: false, reason: "signatureMalformed" };
  const presented = Buffer.from(match[1]!, "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return equalDigests(presented, expected) ? { ok: true } : { ok: false, reason: "signatureMismatch" };
}
