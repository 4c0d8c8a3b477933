import { X509Certificate } from "node:crypto";
import type { DetailedPeerCertificate, TLSSocket } from "node:tls";
import { MAX_CHAIN_LENGTH } from "@/lib/validations/certificates";

/**
 * The chain the other side of a TLS connection presented, leaf first: Node links each certificate
 * to its issuer (`issuerCertificate`), and a self-signed root points at itself. One more than the
 * cap is read so that an over-long chain is noticed rather than silently cut.
 */
export function presentedChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current?.raw && !seen.has(current.fingerprint256) && chain.length <= MAX_CHAIN_LENGTH) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate === current ? undefined : current.issuerCertificate;
  }
  return chain;
}
