import { X509Certificate } from "node:crypto";
import { isIPv4 } from "node:net";
import { disallowedTelegramPort } from "./ports";

/*
 * When the console's webhook URL is `https://<IPv4>:<port>` and its identity certificate is
 * self-signed, Telegram cannot verify it and must be given the public certificate with setWebhook
 * (core.telegram.org/bots/self-signed: one PEM certificate, no key, CN or SAN the IP). The checks
 * run before the call, so a mismatch is explained here rather than as deliveries that never arrive.
 */

export type CertificateUpload =
  /** Nothing to upload: a domain name, or a certificate from a CA Telegram trusts. */
  | { upload: false }
  | { upload: true; pem: string }
  /** A self-signed certificate Telegram would not accept; `problem` is a catalog key suffix. */
  | { upload: false; problem: "notOneCertificate" | "hasPrivateKey" | "hostMismatch" | "expired" | "portNotAllowed"; port?: number };

const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;

export function certificateUploadFor(webhookUrl: string, identityChainPem: string | null, now: Date = new Date()): CertificateUpload {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return { upload: false };
  }
  if (url.protocol !== "https:" || !isIPv4(url.hostname) || !identityChainPem) return { upload: false };
  const blocks = [...identityChainPem.matchAll(BEGIN)].map((match) => match[1]!);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(identityChainPem);
  } catch {
    return { upload: false, problem: "notOneCertificate" };
  }
  // Signed by a CA: Telegram verifies it with its own roots, nothing to upload.
  if (leaf.issuer !== leaf.subject || !leaf.verify(leaf.publicKey)) return { upload: false };

  if (blocks.some((kind) => kind.includes("PRIVATE KEY"))) return { upload: false, problem: "hasPrivateKey" };
  if (blocks.length !== 1 || blocks[0] !== "CERTIFICATE") return { upload: false, problem: "notOneCertificate" };
  const cnIsHost = leaf.subject.split("\n").includes(`CN=${url.hostname}`);
  if (leaf.checkIP(url.hostname) === undefined && !cnIsHost) return { upload: false, problem: "hostMismatch" };
  if (Date.parse(leaf.validTo) <= now.getTime() || Date.parse(leaf.validFrom) > now.getTime()) return { upload: false, problem: "expired" };
  const port = disallowedTelegramPort(webhookUrl);
  if (port !== null) return { upload: false, problem: "portNotAllowed", port };
  return { upload: true, pem: leaf.toString() };
}
