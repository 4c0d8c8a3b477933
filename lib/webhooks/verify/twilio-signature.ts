import { createHash, createHmac } from "node:crypto";
import type { VerifyResult } from "../reasons";
import { equalDigests } from "./constant-time";

/*
 * X-Twilio-Signature (protocols.md §4; twilio-node `src/webhooks/webhooks.ts`, twilio-python
 * `request_validator.py`): base64(HMAC-SHA1(Auth Token, URL + every parameter name followed by
 * each of its values)). Names are sorted; each name's values are sorted and de-duplicated. The
 * URL is the one Twilio called — our public URL, not Next's internal origin — and, like Twilio's
 * own validators, we try it with and without the port because "signature generation on the back
 * end is inconsistent" (twilio-node).
 * JSON webhooks carry `bodySHA256=<hex>` in the URL instead: the URL is signed without
 * parameters and the body is checked against that hash.
 */

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";

/** Form parameters by name, every value kept in arrival order (Twilio may add names at any time). */
export type FormParams = Record<string, string[]>;

/** base64 of the 20 bytes of an HMAC-SHA1. */
const SIGNATURE = /^[A-Za-z0-9+/]{27}=$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Parses an application/x-www-form-urlencoded body ("+" is a space; malformed escapes stay literal). */
export function parseFormParams(body: string): FormParams {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body)) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return Object.fromEntries(params);
}

/** The string Twilio signs: the URL, then each sorted name with each of its sorted, unique values. */
export function twilioSignedData(url: string, params: Readonly<Record<string, string | readonly string[]>>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    const values = typeof value === "string" ? [value] : [...new Set(value)].sort();
    for (const v of values) data += name + v;
  }
  return data;
}

/** The X-Twilio-Signature value for a URL and its form parameters (tests and fixtures sign with it). */
export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string | readonly string[]>> = {}): string {
  return createHmac("sha1", authToken).update(twilioSignedData(url, params), "utf8").digest("base64");
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is;
const DEFAULT_PORT: Record<string, string> = { https: "443", http: "80" };

/**
 * The URLs to try, as twilio-node and twilio-python do: the URL as given, the URL without its
 * port (any port), and the URL with the default port (:443 / :80) when it names none. Only the
 * authority changes: path and query keep their exact encoding, because Twilio signs the
 * characters it sent.
 */
export function twilioUrlVariants(url: string): string[] {
  const match = URL_PARTS.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const defaultPort = DEFAULT_PORT[scheme.toLowerCase()];
  if (!defaultPort) return [url];
  const at = authority.lastIndexOf("@");
  const userinfo = authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  const port = /:(\d*)$/.exec(hostPort);
  const build = (host: string) => `${scheme}://${userinfo}${host}${rest}`;
  const variants = [url, port ? build(hostPort.slice(0, port.index)) : build(`${hostPort}:${defaultPort}`)];
  return [...new Set(variants)];
}

/**
 * The public URL Twilio called, from the configured public base URL (PUBLIC_BASE_URL) and the
 * request's path and raw query. Behind a proxy, Next's `req.url` names the internal origin
 * (http://0.0.0.0:3000…), which Twilio never signed. `requestUrl` may be absolute or a path.
 * A base URL with a path prefix is not doubled when the request path already starts with it.
 */
export function publicRequestUrl(publicBaseUrl: string, requestUrl: string): string {
  const base = publicBaseUrl.replace(/\/+$/, "");
  let rest = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  if (!rest.startsWith("/")) rest = `/${rest}`;
  const basePath = base.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  if (basePath && (rest === basePath || rest.startsWith(`${basePath}/`) || rest.startsWith(`${basePath}?`))) {
    rest = rest.slice(basePath.length);
  }
  return base + rest;
}

/** The bodySHA256 query parameter of a JSON webhook URL, or null for a form webhook. */
function bodyHashParam(url: string): string | null {
  const query = url.indexOf("?");
  if (query < 0) return null;
  const end = url.indexOf("#", query);
  return new URLSearchParams(url.slice(query + 1, end < 0 ? undefined : end)).get("bodySHA256");
}

export interface TwilioRequest {
  /** The channel's primary Auth Token (a secondary token is not valid until promoted). */
  authToken: string;
  /** The X-Twilio-Signature header. */
  signature: string | null;
  /** The public URL Twilio called, with its raw query string (see `publicRequestUrl`). */
  url: string;
  /**
   * The raw body: form-encoded parameters, or the JSON document when the URL carries bodySHA256
   * (pass its bytes, which are what the hash covers). Empty for GET.
   */
  rawBody: string | Uint8Array;
}

/**
 * Verifies a Twilio webhook over every received parameter (never a fixed list: Twilio adds
 * parameters without notice). Form bodies are parsed here, so the caller passes the raw text.
 */
export function verifyTwilioSignature({ authToken, signature, url, rawBody }: TwilioRequest): VerifyResult {
  if (!authToken) return { ok: false, reason: "secretNotConfigured" };
  const presentedText = signature?.trim();
  if (!presentedText) return { ok: false, reason: "signatureMissing" };
  if (!SIGNATURE.test(presentedText)) return { ok: false, reason: "signatureMalformed" };
  const presented = Buffer.from(presentedText, "base64");

  const bodyHash = bodyHashParam(url);
  const params = bodyHash === null ? parseFormParams(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody)) : {};
  let matched = false;
  for (const candidate of twilioUrlVariants(url)) {
    const expected = createHmac("sha1", authToken).update(twilioSignedData(candidate, params), "utf8").digest();
    // Every variant is computed and compared, so the timing does not tell which one matched.
    if (equalDigests(presented, expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: "signatureMismatch" };

  if (bodyHash !== null) {
    const actual = createHash("sha256").update(rawBody).digest();
    if (!SHA256_HEX.test(bodyHash) || !equalDigests(Buffer.from(bodyHash, "hex"), actual)) return { ok: false, reason: "bodyHashMismatch" };
  }
  return { ok: true };
}
