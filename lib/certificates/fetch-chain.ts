// "Fetch from URL": what `openssl s_client -showcerts` does in the seed. Connects, through the
// guarded connector (lib/outbound), to exactly the host and port the administrator typed, reads the
// certificates the server presents, and hangs up; nothing is sent, nothing is followed (no HTTP,
// so no redirects).
import type { X509Certificate } from "node:crypto";
import { connectTls } from "@/lib/outbound/connect-tls";
import type { OutboundScope } from "@/lib/outbound/guarded-call";
import { MAX_CHAIN_LENGTH } from "@/lib/validations/certificates";
import { presentedChain } from "./peer-chain";

/**
 * What was wrong with a chain that was read; each is a message under `certificates.errors.`.
 * Not getting a chain at all is the connector's OutboundConnectError ("could not connect"), the
 * same for every cause, so this form cannot be used to scan ports.
 */
export type FetchProblem = "fetchNoCertificate" | "fetchTooManyCertificates";

export class FetchChainError extends Error {
  constructor(readonly problem: FetchProblem) {
    super(problem);
    this.name = "FetchChainError";
  }
}

export interface FetchChainTarget {
  /** `https://host:port`. */
  origin: string;
  scope: OutboundScope;
  timeoutMs?: number;
}

/**
 * The chain `origin` presents, leaf first. The certificate is not verified (`rejectUnauthorized:
 * false`): the point is to capture it so an administrator can compare fingerprints and decide.
 */
export async function fetchPresentedChain({ origin, scope, timeoutMs }: FetchChainTarget): Promise<X509Certificate[]> {
  const socket = await connectTls({ url: origin, scope, timeoutMs, rejectUnauthorized: false });
  let chain: X509Certificate[];
  try {
    chain = presentedChain(socket);
  } finally {
    socket.destroy();
  }
  if (chain.length === 0) throw new FetchChainError("fetchNoCertificate");
  if (chain.length > MAX_CHAIN_LENGTH) throw new FetchChainError("fetchTooManyCertificates");
  return chain;
}
