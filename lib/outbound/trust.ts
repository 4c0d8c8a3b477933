import { readFileSync } from "node:fs";
import tls from "node:tls";

/*
 * Which certificate authorities a verified outbound call trusts when the caller names none. Node's
 * bundled roots, plus OUTBOUND_EXTRA_CA_FILE: PEM certificates an operator adds for connector calls
 * only (an API base behind a TLS-intercepting proxy; the tests' fake Bot API). Passing `ca` replaces
 * Node's defaults, so NODE_EXTRA_CA_CERTS, which Node would otherwise add, is read in as well.
 */

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

let cached: { key: string; anchors: string[] | undefined } | null = null;

function readCertificates(file: string, name: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${name} (${file}) cannot be read: ${(error as Error).message}`);
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw new Error(`${name} (${file}) holds no PEM certificate`);
  return certificates;
}

/** `undefined` (Node's defaults) unless OUTBOUND_EXTRA_CA_FILE is set; read once per value. */
export function defaultTrustAnchors(env: Partial<Record<string, string>> = process.env): string[] | undefined {
  const extra = env.OUTBOUND_EXTRA_CA_FILE?.trim();
  const nodeExtra = env.NODE_EXTRA_CA_CERTS?.trim();
  const key = `${extra ?? ""}\n${nodeExtra ?? ""}`;
  if (cached?.key === key) return cached.anchors;
  const anchors = extra
    ? [
        ...tls.rootCertificates,
        ...(nodeExtra ? readCertificates(nodeExtra, "NODE_EXTRA_CA_CERTS") : []),
        ...readCertificates(extra, "OUTBOUND_EXTRA_CA_FILE"),
      ]
    : undefined;
  cached = { key, anchors };
  return anchors;
}
