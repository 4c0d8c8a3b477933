import type { VerifyResult } from "../reasons";
import { equalSecrets } from "./constant-time";

/*
 * Meta's endpoint verification (protocols.md §1): `GET <callback>?hub.mode=subscribe&
 * hub.challenge=<random>&hub.verify_token=<string>`. Answer 200 with the challenge as the body
 * only when the verify token matches; anything else gets a non-200.
 */

/** Meta sends a decimal number; anything printable up to this length is echoed, nothing else. */
const CHALLENGE = /^[\x21-\x7e]{1,256}$/;

export type MetaHandshakeResult = { ok: true; challenge: string } | Extract<VerifyResult, { ok: false }>;

export function verifyMetaHandshake(query: URLSearchParams, verifyToken: string | null): MetaHandshakeResult {
  if (!verifyToken) return { ok: false, reason: "secretNotConfigured" };
  if (query.get("hub.mode") !== "subscribe") return { ok: false, reason: "handshakeModeInvalid" };
  const presented = query.get("hub.verify_token");
  if (!presented) return { ok: false, reason: "verifyTokenMissing" };
  if (!equalSecrets(presented, verifyToken)) return { ok: false, reason: "verifyTokenMismatch" };
  const challenge = query.get("hub.challenge");
  if (challenge === null || !CHALLENGE.test(challenge)) return { ok: false, reason: "challengeInvalid" };
  return { ok: true, challenge };
}
