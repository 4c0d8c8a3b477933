/*
 * The Authorization header as the token endpoint and the bearer-protected APIs read it.
 * Pure functions: no I/O, no logging (the header carries secrets).
 */

export type ClientAuthorization =
  /** No Authorization header: the client may authenticate with body parameters. */
  | { kind: "none" }
  | { kind: "basic"; clientId: string; clientSecret: string }
  /** A header was sent but is not usable Basic credentials (another scheme, bad base64, …). */
  | { kind: "invalid" };

const MAX_HEADER_LENGTH = 4096;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes application/x-www-form-urlencoded text ("+" is a space); null when malformed. */
export function formUrlDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/**
 * Client authentication by HTTP Basic (RFC 6749 §2.3.1, RFC 7617): base64 of
 * `urlencode(client_id) ":" urlencode(client_secret)`. The scheme name is case-insensitive.
 */
export function parseBasicAuthorization(header: string | null): ClientAuthorization {
  if (header === null || header.trim() === "") return { kind: "none" };
  if (header.length > MAX_HEADER_LENGTH) return { kind: "invalid" };
  const match = /^\s*basic\s+(\S+)\s*$/i.exec(header);
  if (!match || !BASE64.test(match[1]!) || match[1]!.length % 4 === 1) return { kind: "invalid" };

  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(match[1]!, "base64"));
  } catch {
    return { kind: "invalid" };
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return { kind: "invalid" };
  const clientId = formUrlDecode(decoded.slice(0, colon));
  const clientSecret = formUrlDecode(decoded.slice(colon + 1));
  if (!clientId || clientSecret === null) return { kind: "invalid" };
  return { kind: "basic", clientId, clientSecret };
}

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1), or null. */
export function parseBearerAuthorization(header: string | null): string | null {
  if (!header || header.length > MAX_HEADER_LENGTH) return null;
  const match = /^\s*bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
