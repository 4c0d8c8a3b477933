// "Fetch from URL": what `openssl s_client -showcerts` does in the seed. Connects to exactly the
// host and port the administrator typed, reads the certificates the server presents, and hangs up;
// nothing is sent, nothing is followed (no HTTP, so no redirects).
import type { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import tls from "node:tls";
import { MAX_CHAIN_LENGTH } from "@/lib/validations/certificates";
import { presentedChain } from "./peer-chain";

export const FETCH_TIMEOUT_MS = 10_000;

/** Why no chain could be read; each is a message under `certificates.errors.`. */
export type FetchProblem =
  | "fetchDnsFailed"
  | "fetchRefused"
  | "fetchUnreachable"
  | "fetchTimeout"
  | "fetchNotTls"
  | "fetchNoCertificate"
  | "fetchTooManyCertificates"
  | "fetchFailed";

export class FetchChainError extends Error {
  constructor(readonly problem: FetchProblem) {
    super(problem);
    this.name = "FetchChainError";
  }
}

const PROBLEM_BY_CODE: Record<string, FetchProblem> = {
  ENOTFOUND: "fetchDnsFailed",
  EAI_AGAIN: "fetchDnsFailed",
  EAI_NONAME: "fetchDnsFailed",
  EAI_FAIL: "fetchDnsFailed",
  ECONNREFUSED: "fetchRefused",
  EHOSTUNREACH: "fetchUnreachable",
  ENETUNREACH: "fetchUnreachable",
  EADDRNOTAVAIL: "fetchUnreachable",
  ETIMEDOUT: "fetchTimeout",
  ECONNRESET: "fetchNotTls",
  EPROTO: "fetchNotTls",
};

export function fetchProblemOf(error: unknown): FetchProblem {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") {
    if (code in PROBLEM_BY_CODE) return PROBLEM_BY_CODE[code]!;
    if (code.startsWith("ERR_SSL_")) return "fetchNotTls";
  }
  return "fetchFailed";
}

export interface FetchChainTarget {
  host: string;
  port: number;
  timeoutMs?: number;
}

/**
 * The chain `host:port` presents, leaf first. The certificate is not verified (`rejectUnauthorized:
 * false`): the point is to capture it so an administrator can compare fingerprints and decide.
 */
export function fetchPresentedChain({ host, port, timeoutMs = FETCH_TIMEOUT_MS }: FetchChainTarget): Promise<X509Certificate[]> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      // SNI names a host; RFC 6066 does not allow an IP address there.
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    // One deadline for DNS, connect and handshake together.
    const timer = setTimeout(() => fail(new FetchChainError("fetchTimeout")), timeoutMs);
    function fail(error: unknown) {
      clearTimeout(timer);
      socket.destroy();
      reject(error instanceof FetchChainError ? error : new FetchChainError(fetchProblemOf(error)));
    }
    socket.on("error", fail);
    socket.once("close", () => fail(new FetchChainError("fetchNotTls")));
    socket.once("secureConnect", () => {
      let chain: X509Certificate[];
      try {
        chain = presentedChain(socket);
      } catch (error) {
        return fail(error);
      }
      clearTimeout(timer);
      socket.removeAllListeners("close");
      socket.destroy();
      if (chain.length === 0) return reject(new FetchChainError("fetchNoCertificate"));
      if (chain.length > MAX_CHAIN_LENGTH) return reject(new FetchChainError("fetchTooManyCertificates"));
      resolve(chain);
    });
  });
}
