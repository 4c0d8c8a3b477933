import ipaddr from "ipaddr.js";

/*
 * Which address a request came from, for per-address limits. The production server
 * (scripts/serve.mjs) appends the TCP peer to `X-Forwarded-For`, as every proxy does, so the
 * right-most entry is always the peer and nothing a client writes can replace it. With
 * TRUST_PROXY=N the N right-most hops are the operator's own proxies, and the entry before them is
 * the client. Next's own server only fills the header in when it is missing, so under `next dev`
 * a client may choose its address; that is development only.
 */

/** Every address (or prefix) that cannot be read shares this one bucket, so garbage is not a way out. */
export const UNKNOWN_ADDRESS = "unknown";

const HOPS_WORDS: Record<string, number> = { "": 0, false: 0, no: 0, off: 0, true: 1, yes: 1, on: 1 };

/** TRUST_PROXY: how many reverse proxies in front of the console append to X-Forwarded-For. */
export function trustedProxyHops(value: string | undefined): number {
  const text = (value ?? "").trim().toLowerCase();
  if (text in HOPS_WORDS) return HOPS_WORDS[text]!;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  throw new Error(`TRUST_PROXY must be a number of proxy hops (0, 1, 2, …), not "${value}"`);
}

/**
 * The address limits are counted under: an IPv4 address, or the /64 of an IPv6 address (one
 * subscriber usually holds a whole /64, so single IPv6 addresses would be free to rotate).
 */
export function addressKey(raw: string): string {
  const address = parseAddress(raw);
  if (!address) return UNKNOWN_ADDRESS;
  if (address.kind() === "ipv4") return address.toString();
  const bytes = address.toByteArray().fill(0, 8);
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}

/** The client's address key, from the X-Forwarded-For list (see the comment at the top). */
export function clientAddressKey(headers: Headers, hops: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return UNKNOWN_ADDRESS;
  return addressKey(entries[Math.max(0, entries.length - 1 - hops)]!);
}

/** A request's client address key under the configured TRUST_PROXY. */
export function requestAddressKey(request: Request | undefined, env: Record<string, string | undefined> = process.env): string {
  if (!request) return UNKNOWN_ADDRESS;
  return clientAddressKey(request.headers, trustedProxyHops(env.TRUST_PROXY));
}

function parseAddress(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let text = raw.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:8080": proxies may add the port.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/%.*$/, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}
