import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddressKey } from "@/lib/rate-limit/client-address";
import { appendPeerAddress } from "./serve.mjs";

let server: http.Server;
let base: string;
beforeAll(async () => {
  // What Next would see: the header as serve.mjs leaves it.
  server = http.createServer((request, response) => {
    appendPeerAddress(request);
    response.end(String(request.headers["x-forwarded-for"]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const seen = async (headers: Record<string, string> = {}) => (await fetch(base, { headers })).text();

describe("appendPeerAddress", () => {
  it("puts the TCP peer last, after whatever the client wrote", async () => {
    expect(await seen()).toBe("127.0.0.1");
    expect(await seen({ "x-forwarded-for": "203.0.113.9" })).toBe("203.0.113.9, 127.0.0.1");
  });

  it("leaves a client no way to choose its address when no proxy is trusted", async () => {
    const forged = await seen({ "x-forwarded-for": "203.0.113.9, 198.51.100.1" });
    expect(clientAddressKey(new Headers({ "x-forwarded-for": forged }), 0)).toBe("127.0.0.1");
    // Behind one trusted proxy, that proxy's own entry is the client.
    expect(clientAddressKey(new Headers({ "x-forwarded-for": forged }), 1)).toBe("198.51.100.1");
  });
});
