import { isIP } from "node:net";

/** Where an outbound call goes, as the WHATWG URL parser reads it (the parser `fetch` uses too). */
export interface OutboundTarget {
  url: URL;
  /** The host name, or the IP literal without brackets. */
  hostname: string;
  port: number;
  /** The name sent in SNI (and checked against the certificate): never an IP address (RFC 6066 §3). */
  servername: string | undefined;
}

export type TargetProblem = "invalidUrl" | "notHttps" | "userinfo";

/**
 * The IP address a URL host names, or null for a DNS name. The parser has already turned every
 * IPv4 spelling (2130706433, 0x7f.1, 017700000001, 127.1) into dotted decimal and compressed IPv6.
 */
export function hostAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/** Only https: every outbound call is TLS, so the console never sends a secret in clear text. */
export function parseTarget(input: string | URL): OutboundTarget | TargetProblem {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return "invalidUrl";
  }
  if (url.protocol !== "https:") return "notHttps";
  if (url.username || url.password) return "userinfo";
  const address = hostAddress(url.hostname);
  return {
    url,
    hostname: address ?? url.hostname,
    port: url.port ? Number(url.port) : 443,
    servername: address ? undefined : url.hostname,
  };
}
