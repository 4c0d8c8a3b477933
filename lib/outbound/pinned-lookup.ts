import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./resolve";

/**
 * A `lookup` for node:net / node:tls / node:https that answers only the addresses already checked,
 * so the socket connects to exactly those (no second DNS answer, no rebinding) while the host name
 * stays the name: SNI, certificate name check and Host header are unchanged. With Node's
 * autoSelectFamily (happy eyeballs) it is asked for all of them and tries each in turn.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) return callback(null, addresses.map(({ address, family }) => ({ address, family })));
    const first = addresses.find(({ family }) => !options.family || options.family === family) ?? addresses[0]!;
    callback(null, first.address, first.family);
  };
}
