import { describe, expect, it } from "vitest";
import { resolveAndCheck, type HostLookup, type ResolvedAddress } from "./resolve";

const answers = (table: Record<string, string[]>): HostLookup & { asked: string[] } => {
  const asked: string[] = [];
  const lookup = async (hostname: string): Promise<ResolvedAddress[]> => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { asked });
};

const DNS = answers({
  "api.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  "internal.example.com": ["10.1.2.3"],
  "rebind.example.com": ["127.0.0.1"],
  "mixed.example.com": ["93.184.215.14", "192.168.0.10"],
  "metadata.example.com": ["169.254.169.254"],
  "nothing.example.com": [],
});
const check = (url: string, approvedPrefixes: string[] = []) => resolveAndCheck(url, { approvedPrefixes, lookup: DNS });

describe("resolveAndCheck", () => {
  it("passes a public host with every address it resolved to, and its SNI name", async () => {
    const result = await check("https://api.example.com/bot1:x/getMe");
    expect(result).toMatchObject({
      ok: true,
      target: {
        hostname: "api.example.com",
        port: 443,
        servername: "api.example.com",
        approvedPrefix: null,
        addresses: [
          { address: "93.184.215.14", family: 4 },
          { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
        ],
      },
    });
  });

  it("passes a public IP literal without asking DNS, and sends no SNI for it", async () => {
    const before = DNS.asked.length;
    const result = await check("https://8.8.8.8:8443");
    expect(result).toMatchObject({ ok: true, target: { hostname: "8.8.8.8", port: 8443, servername: undefined, addresses: [{ address: "8.8.8.8" }] } });
    expect(DNS.asked).toHaveLength(before);
  });

  it.each([
    ["https://127.0.0.1:5432", "loopback 127.0.0.1"],
    ["https://2130706433", "loopback 127.0.0.1"],
    ["https://0x7f.1", "loopback 127.0.0.1"],
    ["https://[::ffff:7f00:1]", "ipv4Mapped loopback ::ffff:7f00:1"],
    ["https://[::1]", "loopback ::1"],
    ["https://169.254.169.254/latest/meta-data/", "metadata 169.254.169.254"],
    ["https://internal.example.com", "private 10.1.2.3"],
    ["https://rebind.example.com", "loopback 127.0.0.1"],
    ["https://metadata.example.com", "metadata 169.254.169.254"],
    ["https://mixed.example.com", "private 192.168.0.10"],
  ])("refuses %s (%s) when no approved prefix admits it", async (url, reason) => {
    expect(await check(url)).toEqual({ ok: false, reason: `${reason}, not on the trustlist` });
  });

  it("lets an approved prefix admit exactly its scheme, host, port and path", async () => {
    const approved = ["https://127.0.0.1:8443/api/", "https://internal.example.com/"];
    expect(await check("https://127.0.0.1:8443/api/v1", approved)).toMatchObject({
      ok: true,
      target: { approvedPrefix: "https://127.0.0.1:8443/api/", addresses: [{ address: "127.0.0.1" }] },
    });
    expect(await check("https://internal.example.com/x", approved)).toMatchObject({ ok: true, target: { addresses: [{ address: "10.1.2.3" }] } });
    // Another port, another path, another spelling of the host: each is a different address.
    expect((await check("https://127.0.0.1:8444/api/v1", approved)).ok).toBe(false);
    expect((await check("https://127.0.0.1:8443/apiary", approved)).ok).toBe(false);
    expect((await check("https://localhost:8443/api/", approved)).ok).toBe(false);
    expect((await check("https://rebind.example.com:8443/api/", approved)).ok).toBe(false);
    expect((await check("https://[::ffff:7f00:1]:8443/api/", approved)).ok).toBe(false);
  });

  it("says why it could not resolve, or what it refuses to parse", async () => {
    expect(await check("https://no-such-host.example.com")).toEqual({ ok: false, reason: "dns ENOTFOUND" });
    expect(await check("https://nothing.example.com")).toEqual({ ok: false, reason: "dns no address" });
    expect(await check("http://api.example.com")).toEqual({ ok: false, reason: "notHttps" });
    expect(await check("https://user:pw@api.example.com")).toEqual({ ok: false, reason: "userinfo" });
    expect(await check("not a url")).toEqual({ ok: false, reason: "invalidUrl" });
  });
});
