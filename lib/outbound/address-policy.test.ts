import { describe, expect, it } from "vitest";
import { refusedRange } from "./address-policy";
import { hostAddress } from "./target";

describe("refusedRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "linkLocal"],
    ["169.254.169.254", "metadata"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.100.100.200", "metadata"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.192", "metadata"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fe80::1%eth0", "zoned"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "ipv4Mapped loopback"],
    ["::ffff:7f00:1", "ipv4Mapped loopback"],
    ["::ffff:10.0.0.1", "ipv4Mapped private"],
    ["::ffff:169.254.169.254", "ipv4Mapped metadata"],
    ["::7f00:1", "notGlobalUnicast"],
    ["::808:808", "notGlobalUnicast"],
    ["::127.0.0.1", "notGlobalUnicast"],
    ["::8.8.8.8", "notGlobalUnicast"],
    ["127.1", "invalid"],
    ["64:ff9b::7f00:1", "nat64 loopback"],
    ["64:ff9b::a9fe:a9fe", "nat64 metadata"],
    ["64:ff9b:1::1", "rfc6052"],
    ["2002:7f00:1::1", "6to4"],
    ["2002:808:808::1", "6to4"],
    ["2001::1", "teredo"],
    ["2001:db8::1", "reserved"],
    ["100::1", "discard"],
    ["5f00::1", "segmentRouting"],
    ["[::1]", "loopback"],
    ["localhost", "invalid"],
    ["", "invalid"],
  ])("refuses %s (%s)", (address, reason) => {
    expect(refusedRange(address)).toBe(reason);
  });

  it.each(["8.8.8.8", "1.1.1.1", "149.154.167.220", "::ffff:8.8.8.8", "64:ff9b::808:808", "2606:4700:4700::1111", "[2a00:1450:4001::200e]"])(
    "allows the public address %s",
    (address) => {
      expect(refusedRange(address)).toBeNull();
    },
  );
});

describe("odd host spellings, normalised by the WHATWG URL parser first", () => {
  it.each([
    ["https://2130706433", "127.0.0.1", "loopback"],
    ["https://0x7f.1", "127.0.0.1", "loopback"],
    ["https://0x7f000001:8443", "127.0.0.1", "loopback"],
    ["https://017700000001", "127.0.0.1", "loopback"],
    ["https://127.1", "127.0.0.1", "loopback"],
    ["https://0", "0.0.0.0", "unspecified"],
    ["https://[::ffff:127.0.0.1]", "::ffff:7f00:1", "ipv4Mapped loopback"],
    ["https://[::ffff:7f00:1]", "::ffff:7f00:1", "ipv4Mapped loopback"],
    ["https://[0:0:0:0:0:ffff:a9fe:a9fe]", "::ffff:a9fe:a9fe", "ipv4Mapped metadata"],
    ["https://[::1]:5432", "::1", "loopback"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254", "metadata"],
    ["https://[fd00:ec2::254]", "fd00:ec2::254", "metadata"],
    ["https://0251.0376.0251.0376", "169.254.169.254", "metadata"],
    ["https://%31%32%37.0.0.1", "127.0.0.1", "loopback"],
    ["https://１２７.０.０.１", "127.0.0.1", "loopback"],
  ])("%s is %s", (url, address, reason) => {
    expect(hostAddress(new URL(url).hostname)).toBe(address);
    expect(refusedRange(address)).toBe(reason);
  });
});
