import ipaddr from "ipaddr.js";

/*
 * Which IP addresses an outbound call may reach without a trustlist entry. Allow-listed, not
 * deny-listed: only what ipaddr.js calls plain "unicast" (IPv4) or global unicast inside 2000::/3
 * (IPv6) passes, so a special-purpose range nobody thought of is refused by default. IPv6 forms
 * that carry an IPv4 address are judged by that address: IPv4-mapped (::ffff:a.b.c.d, which the
 * kernel connects to as IPv4) and the well-known NAT64 prefix 64:ff9b::/96 (DNS64 networks give
 * every IPv4 host such an address). Every other embedding (IPv4-compatible ::a.b.c.d, 6to4,
 * Teredo, local-use NAT64 64:ff9b:1::/48) is deprecated or local and refused outright.
 */

/** Cloud metadata services: named in the logs, although their ranges are refused anyway. */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192"]);

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR("2000::/3");
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR("64:ff9b::/96");

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const [high, low] = address.parts.slice(6) as [number, number];
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function refusedIPv4(address: ipaddr.IPv4): string | null {
  if (METADATA.has(address.toString())) return "metadata";
  const range = address.range();
  return range === "unicast" ? null : range;
}

function refusedIPv6(address: ipaddr.IPv6): string | null {
  if (METADATA.has(address.toNormalizedString()) || METADATA.has(address.toRFC5952String())) return "metadata";
  if (address.isIPv4MappedAddress()) return prefixed("ipv4Mapped", refusedIPv4(address.toIPv4Address()));
  if (address.match(NAT64_WELL_KNOWN)) return prefixed("nat64", refusedIPv4(embeddedIPv4(address)));
  const range = address.range();
  if (range !== "unicast") return range;
  return address.match(GLOBAL_UNICAST) ? null : "notGlobalUnicast";
}

const prefixed = (form: string, inner: string | null) => (inner === null ? null : `${form} ${inner}`);

/**
 * Why `address` (an IP literal as DNS or the URL parser gives it) may not be reached without a
 * trustlist entry — "loopback", "private", "ipv4Mapped loopback", "metadata", … — or null when it is
 * a public address. Anything that does not parse as an IP address is refused as "invalid".
 */
export function refusedRange(address: string): string | null {
  const literal = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  // A zone index (fe80::1%eth0) names a local interface: never public.
  if (literal.includes("%")) return "zoned";
  if (ipaddr.IPv4.isValidFourPartDecimal(literal)) return refusedIPv4(ipaddr.IPv4.parse(literal));
  if (!ipaddr.IPv6.isValid(literal)) return "invalid";
  // ipaddr.js reads any dotted tail as IPv4-mapped (::127.0.0.1 too); the URL parser's hex spelling
  // is the address a socket would actually reach.
  return refusedIPv6(ipaddr.IPv6.parse(new URL(`https://[${literal}]`).hostname.slice(1, -1)));
}
