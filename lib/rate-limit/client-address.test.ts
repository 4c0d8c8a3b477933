import { describe, expect, it } from "vitest";
import { addressKey, clientAddressKey, requestAddressKey, trustedProxyHops, UNKNOWN_ADDRESS } from "./client-address";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("addressKey", () => {
  it.each([
    ["192.0.2.7", "192.0.2.7"],
    [" 192.0.2.7 ", "192.0.2.7"],
    ["192.0.2.7:8080", "192.0.2.7"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["[::ffff:192.0.2.7]:443", "192.0.2.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::ffff", "2001:db8:1:2::/64"],
    ["[2001:DB8:1:2::1]:443", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    ["::1", "::/64"],
  ])("%j → %j", (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });

  it.each([["unknown"], [""], ["2130706433"], ["0x7f.1"], ["not an address"], ["1.2.3.4.5"], ["<script>"], ["x".repeat(5000)]])(
    "puts %j in the shared unknown bucket",
    (raw) => {
      expect(addressKey(raw)).toBe(UNKNOWN_ADDRESS);
    },
  );
});

describe("clientAddressKey", () => {
  it("takes the right-most entry (the TCP peer) when no proxy is trusted", () => {
    // What a client writes itself comes first; serve.mjs appends the real peer.
    expect(clientAddressKey(forwarded("203.0.113.9, 198.51.100.4"), 0)).toBe("198.51.100.4");
  });

  it("skips the trusted proxy hops and takes the next entry", () => {
    expect(clientAddressKey(forwarded("203.0.113.9, 198.51.100.4, 10.0.0.2"), 1)).toBe("198.51.100.4");
    expect(clientAddressKey(forwarded("203.0.113.9, 198.51.100.4, 10.0.0.2, 10.0.0.3"), 2)).toBe("198.51.100.4");
  });

  it("takes the left-most entry when there are fewer entries than hops", () => {
    expect(clientAddressKey(forwarded("198.51.100.4"), 1)).toBe("198.51.100.4");
  });

  it("answers the unknown bucket without the header", () => {
    expect(clientAddressKey(new Headers(), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddressKey(forwarded(" , "), 0)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("trustedProxyHops", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["off", 0],
    ["1", 1],
    ["true", 1],
    ["2", 2],
  ])("%j → %j", (value, hops) => {
    expect(trustedProxyHops(value)).toBe(hops);
  });

  it("refuses a value it cannot read instead of guessing", () => {
    expect(() => trustedProxyHops("10.0.0.0/8")).toThrow(/TRUST_PROXY/);
    expect(() => trustedProxyHops("-1")).toThrow(/TRUST_PROXY/);
  });
});

describe("requestAddressKey", () => {
  it("reads TRUST_PROXY from the environment given", () => {
    const request = new Request("http://console.test/", { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.2" } });
    expect(requestAddressKey(request, {})).toBe("10.0.0.2");
    expect(requestAddressKey(request, { TRUST_PROXY: "1" })).toBe("203.0.113.9");
    expect(requestAddressKey(undefined, {})).toBe(UNKNOWN_ADDRESS);
  });
});
