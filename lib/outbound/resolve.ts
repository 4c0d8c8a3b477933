import { lookup as dnsLookup } from "node:dns/promises";
import { checkUrl } from "@/lib/trustlist/prefix";
import { refusedRange } from "./address-policy";
import { hostAddress, parseTarget, type OutboundTarget } from "./target";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name has; the default asks the system resolver, as a socket would. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, order: "verbatim" });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export interface CheckedTarget extends OutboundTarget {
  /** The addresses that were checked: the only ones the call may connect to (no second lookup). */
  addresses: ResolvedAddress[];
  /** The approved trustlist prefix that admits the URL, when one does. */
  approvedPrefix: string | null;
}

/** Why a call was not made: for the server log only, never for the caller's user. */
export type CheckResult = { ok: true; target: CheckedTarget } | { ok: false; reason: string };

export interface CheckOptions {
  /** Prefixes a system administrator approved (lib/trustlist/prefix.ts: exact scheme, host, port; path on a segment boundary). */
  approvedPrefixes: readonly string[];
  lookup?: HostLookup;
}

/**
 * Resolves the URL's host once and checks every address it has. Public addresses pass. An address
 * in a refused range (loopback, private, link-local, unique-local, CGNAT, multicast, metadata, …;
 * lib/outbound/address-policy.ts) passes only when an approved trustlist prefix admits this exact
 * URL: the system administrator's decision, which is how a fake on 127.0.0.1 is reached in tests.
 * One refused address refuses the name: a host that answers both public and private addresses is
 * either misconfigured or rebinding.
 */
export async function resolveAndCheck(input: string | URL, options: CheckOptions): Promise<CheckResult> {
  const target = parseTarget(input);
  if (typeof target === "string") return { ok: false, reason: target };
  const refuse = (reason: string): CheckResult => ({ ok: false, reason });

  let addresses: ResolvedAddress[];
  const literal = hostAddress(target.hostname);
  if (literal) {
    addresses = [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.lookup ?? systemLookup)(target.hostname);
    } catch (error) {
      return refuse(`dns ${(error as { code?: string }).code ?? "failed"}`);
    }
    if (addresses.length === 0) return refuse("dns no address");
  }

  const check = checkUrl(target.url, options.approvedPrefixes);
  const approvedPrefix = check.allowed ? check.prefix : null;
  if (!approvedPrefix) {
    for (const { address } of addresses) {
      const range = refusedRange(address);
      if (range) return refuse(`${range} ${address}, not on the trustlist`);
    }
  }
  return { ok: true, target: { ...target, addresses, approvedPrefix } };
}
