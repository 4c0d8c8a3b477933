import { createHash } from "node:crypto";
import tls from "node:tls";
import { defaultTrustAnchors } from "./trust";

/*
 * TLS contexts shared by the calls that use the same anchors and client certificate. Building one
 * parses every anchor (Node's ~150 roots when OUTBOUND_EXTRA_CA_FILE is set) and the client key:
 * per connection, that was a fifth of a send worker's CPU (issue 15's bench). A context is found
 * by a digest of exactly what it was built from, so an edited certificate is a new context at once;
 * it is kept a few seconds only, like the worker's channel senders, since it holds a decrypted key.
 */

export const TLS_CONTEXT_CACHE_MS = 5_000;
const MAX_CONTEXTS = 200;

export interface TlsMaterial {
  ca?: string | string[];
  clientCert?: { cert: string; key: string };
}

const contexts = new Map<string, { at: number; context: tls.SecureContext }>();

export function secureContextFor(material: TlsMaterial, now: number = Date.now()): tls.SecureContext {
  const ca = material.ca ?? defaultTrustAnchors();
  const digest = createHash("sha256");
  for (const part of [...(ca === undefined ? ["(node defaults)"] : [ca].flat()), material.clientCert?.cert ?? "", material.clientCert?.key ?? ""]) {
    digest.update(part).update("\0");
  }
  const key = digest.digest("base64");
  const hit = contexts.get(key);
  if (hit && now - hit.at < TLS_CONTEXT_CACHE_MS) return hit.context;
  for (const [old, entry] of contexts) if (now - entry.at >= TLS_CONTEXT_CACHE_MS) contexts.delete(old);
  if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
  const context = tls.createSecureContext({ ca, cert: material.clientCert?.cert, key: material.clientCert?.key });
  contexts.set(key, { at: now, context });
  return context;
}
