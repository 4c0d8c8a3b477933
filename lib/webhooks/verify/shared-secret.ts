import { parseBearerAuthorization } from "@/lib/api-apps/authorization-header";
import type { HeaderReader, VerifyResult } from "../reasons";
import { equalSecrets } from "./constant-time";

/*
 * Schemes where the provider presents a shared secret as is (protocols.md §2, §3, §5; spec
 * "Webhooks"):
 * - infobip and other-basic: the webhook password in an `AccountKey` header (how Infobip is
 *   configured for AICC), or as the password of HTTP Basic; other-basic also as a bare
 *   `Authorization: <password>` (AICC's Gupshup / KooMessage convention).
 * - telegram: `X-Telegram-Bot-Api-Secret-Token` equals the secret token given to setWebhook.
 * - other-oAuth: `Authorization: Bearer <token>`; only the header is read here, the token is
 *   looked up with verifyBearerToken (lib/api-apps/bearer.ts).
 * Every comparison goes through SHA-256 digests (equalSecrets), so it is constant-time and
 * does not reveal the stored secret's length.
 */

export type PasswordMethod = "accountKey" | "basic" | "authorization";

export const TELEGRAM_SECRET_HEADER = "x-telegram-bot-api-secret-token";

const MAX_HEADER_LENGTH = 4096;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export type BasicCredentials = { kind: "none" } | { kind: "malformed" } | { kind: "basic"; user: string; password: string };

/**
 * Reads `Authorization: Basic base64(user:password)` (RFC 7617: split at the first colon, no
 * further decoding). "none" when the header uses another scheme; "malformed" when it says Basic
 * but does not decode to UTF-8 text with a colon.
 */
export function parseBasicCredentials(header: string): BasicCredentials {
  const match = /^\s*basic(?:\s+(\S*))?\s*$/i.exec(header);
  if (!match) return { kind: "none" };
  const encoded = match[1] ?? "";
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return { kind: "malformed" };
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(encoded, "base64"));
  } catch {
    return { kind: "malformed" };
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return { kind: "malformed" };
  return { kind: "basic", user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export interface WebhookPasswordOptions {
  /** other-basic only: accept the password as the whole `Authorization` value. */
  allowBareAuthorization?: boolean;
}

/**
 * Checks the webhook password presented by infobip / other-basic callers. Every credential that
 * is present is compared (no early exit on the first one), and the first that matches names the
 * method: "accountKey", "basic" or "authorization" (bare).
 */
export function verifyWebhookPassword(
  headers: HeaderReader,
  password: string | null,
  { allowBareAuthorization = false }: WebhookPasswordOptions = {},
): VerifyResult<PasswordMethod> {
  if (!password) return { ok: false, reason: "secretNotConfigured" };
  const accountKey = headers.get("accountkey");
  const authorization = headers.get("authorization");
  const hasAccountKey = !!accountKey && accountKey.trim() !== "";
  const hasAuthorization = !!authorization && authorization.trim() !== "";
  if (!hasAccountKey && !hasAuthorization) return { ok: false, reason: "credentialsMissing" };

  const candidates: [PasswordMethod, string][] = [];
  let malformed = false;
  if (hasAccountKey) candidates.push(["accountKey", accountKey!]);
  if (hasAuthorization) {
    if (authorization!.length > MAX_HEADER_LENGTH) {
      malformed = true;
    } else {
      // The Basic user name is not checked: the password is the shared secret.
      const basic = parseBasicCredentials(authorization!);
      if (basic.kind === "basic") candidates.push(["basic", basic.password]);
      else if (basic.kind === "malformed" || !allowBareAuthorization) malformed = true;
      if (allowBareAuthorization) candidates.push(["authorization", authorization!]);
    }
  }

  let matched: PasswordMethod | null = null;
  for (const [method, presented] of candidates) {
    if (equalSecrets(presented, password) && matched === null) matched = method;
  }
  if (matched) return { ok: true, method: matched };
  // An unusable Authorization header (bad Basic, another scheme) and nothing else to compare.
  return { ok: false, reason: malformed && candidates.length === 0 ? "credentialsMalformed" : "credentialsMismatch" };
}

/** Telegram has no body signature: the secret-token header is the only check (protocols.md §3). */
export function verifyTelegramSecretToken(headers: HeaderReader, secretToken: string | null): VerifyResult<"secretToken"> {
  if (!secretToken) return { ok: false, reason: "secretNotConfigured" };
  const presented = headers.get(TELEGRAM_SECRET_HEADER);
  if (!presented) return { ok: false, reason: "credentialsMissing" };
  return equalSecrets(presented, secretToken) ? { ok: true, method: "secretToken" } : { ok: false, reason: "credentialsMismatch" };
}

/**
 * other-oAuth: the token of `Authorization: Bearer <token>`, for verifyBearerToken. The caller
 * must then check that the grant's tenant and API app are the channel's own.
 */
export function readBearerToken(headers: HeaderReader): { ok: true; token: string } | { ok: false; reason: "credentialsMissing" | "credentialsMalformed" } {
  const authorization = headers.get("authorization");
  if (!authorization || authorization.trim() === "") return { ok: false, reason: "credentialsMissing" };
  const token = parseBearerAuthorization(authorization);
  return token ? { ok: true, token } : { ok: false, reason: "credentialsMalformed" };
}
