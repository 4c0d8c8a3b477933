import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listApprovedPrefixes } from "@/db/queries/trustlist";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { approvePrefix } from "@/testing/outbound";
import { closedPort, startHttpsListener, startTcpListener, type Listener } from "@/testing/outbound-listeners";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { connectTls } from "./connect-tls";
import { OutboundConnectError, OutboundLimitError, OutboundResponseTooLargeError } from "./errors";
import type { OutboundScope } from "./guarded-call";
import type { OutboundLimitPolicy } from "./limits";
import { request } from "./request";
import type { HostLookup } from "./resolve";
import { outboundLimiter, outboundScope } from "./scope";
import { captureLog, type CapturedLog } from "@/testing/log-capture";

/*
 * The guarded connector against real listeners on 127.0.0.1 and the real trustlist and limits in
 * PostgreSQL. 127.0.0.1 is a refused range, so every listener here is reachable only once its exact
 * prefix is approved: the system administrator's decision the issue asks for.
 */

const DEADLINE_MS = 400;
let t: TestDatabase;
let log: CapturedLog;
let tls: Listener;
const listeners: Listener[] = [];
const extraPools: pg.Pool[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  tls = await startHttpsListener((req, res) => {
    if (req.url === "/redirect") return void res.writeHead(302, { location: `${other.origin}/` }).end();
    if (req.url === "/big") return void res.end("x".repeat(10_000));
    res.end(`hello ${req.headers.host}`);
  });
  const other = await startHttpsListener();
  listeners.push(tls, other);
  log = captureLog();
});
afterAll(async () => {
  log?.restore();
  await Promise.all(listeners.map((listener) => listener.close()));
  await Promise.all(extraPools.map((pool) => pool.end()));
  await t.close();
});

const scopeOf = (tenantId = randomUUID(), lookup?: HostLookup): OutboundScope => ({ ...outboundScope(t.db, tenantId), lookup });
const started = async (listener: Promise<Listener>) => {
  const value = await listener;
  listeners.push(value);
  return value;
};

/** Runs `call`, expects "could not connect to <host>", and answers how long it took. */
async function couldNotConnect(call: () => Promise<unknown>, host: string): Promise<number> {
  const begun = performance.now();
  const error = await call().then(
    () => expect.unreachable("expected the call to fail"),
    (e: unknown) => e,
  );
  const took = performance.now() - begun;
  expect(error).toBeInstanceOf(OutboundConnectError);
  expect(Object.getPrototypeOf(error)).toBe(OutboundConnectError.prototype);
  expect((error as Error).message).toBe(`could not connect to ${host}`);
  expect(Object.keys(error as object)).toEqual(["name"]);
  expect((error as Error).cause).toBeUndefined();
  return took;
}

const readChainOf = async (url: string, scope: OutboundScope) => {
  const socket = await connectTls({ url, scope, rejectUnauthorized: false, timeoutMs: DEADLINE_MS });
  const subject = socket.getPeerCertificate().subject?.CN;
  socket.destroy();
  return subject;
};

describe("the trustlist decides private addresses", () => {
  it("refuses 127.0.0.1 in every spelling when no prefix admits it, and no connection reaches the listener", async () => {
    const scope = scopeOf();
    const spellings = [tls.origin, `https://2130706433:${tls.port}`, `https://0x7f.1:${tls.port}`, `https://[::ffff:7f00:1]:${tls.port}`, `https://[::1]:${tls.port}`];
    const hosts = ["127.0.0.1", "127.0.0.1", "127.0.0.1", "[::ffff:7f00:1]", "[::1]"];
    await Promise.all(
      spellings.map((url, i) =>
        Promise.all([
          couldNotConnect(() => connectTls({ url, scope, rejectUnauthorized: false, timeoutMs: DEADLINE_MS }), hosts[i]!),
          couldNotConnect(() => request({ method: "GET", url: `${url}/`, scope, maxResponseBytes: 1_000, timeoutMs: DEADLINE_MS }), hosts[i]!),
        ]),
      ),
    );
    expect(tls.connections).toBe(0);
  });

  it("connects once the exact prefix is approved; another port of the same host stays refused", async () => {
    const scope = scopeOf();
    const otherPort = await started(startHttpsListener());
    await approvePrefix(t.db, `${tls.origin}/`);
    expect(await readChainOf(tls.origin, scope)).toBe("localhost");
    // No SNI for an IP address (RFC 6066).
    expect(tls.servernames).toEqual([]);
    await couldNotConnect(() => readChainOf(otherPort.origin, scope), "127.0.0.1");
    expect(otherPort.connections).toBe(0);
  });

  it("resolves a host name once and connects only to the address it checked (no DNS rebinding), naming the host in SNI", async () => {
    const asked: string[] = [];
    // The first answer is the approved listener; a second lookup would get a different address.
    const rebinding: HostLookup = async (hostname) => {
      asked.push(hostname);
      return [{ address: asked.length === 1 ? "127.0.0.1" : "192.0.2.1", family: 4 }];
    };
    const rebindUrl = `https://api.rebind.test:${tls.port}`;
    await couldNotConnect(() => readChainOf(rebindUrl, scopeOf(undefined, rebinding)), "api.rebind.test");
    // `localhost` resolves to loopback: a name is judged by its addresses, not by its spelling.
    const before = tls.connections;
    await couldNotConnect(() => readChainOf(`https://localhost:${tls.port}`, scopeOf()), "localhost");
    expect(tls.connections).toBe(before);

    await approvePrefix(t.db, `${rebindUrl}/`);
    asked.length = 0;
    expect(await readChainOf(rebindUrl, scopeOf(undefined, rebinding))).toBe("localhost");
    expect(asked).toEqual(["api.rebind.test"]);
    expect(tls.servernames.at(-1)).toBe("api.rebind.test");
    expect(tls.connections).toBe(before + 1);
  });
});

describe("one answer for every failure", () => {
  it("says 'could not connect' the same way, at the deadline, for a refused address, a closed port, no TLS, silence, and DNS failure", async () => {
    const [closed, plain, silent, unapproved] = await Promise.all([
      closedPort(),
      started(startTcpListener("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")),
      started(startTcpListener()),
      started(startHttpsListener()),
    ]);
    for (const port of [closed, plain.port, silent.port]) await approvePrefix(t.db, `https://127.0.0.1:${port}/`);
    const failingDns: HostLookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const cases: [string, () => Promise<unknown>, string][] = [
      ["private, not approved", () => readChainOf(unapproved.origin, scopeOf()), "127.0.0.1"],
      ["closed port", () => readChainOf(`https://127.0.0.1:${closed}`, scopeOf()), "127.0.0.1"],
      ["not TLS", () => readChainOf(plain.origin, scopeOf()), "127.0.0.1"],
      ["silent", () => readChainOf(silent.origin, scopeOf()), "127.0.0.1"],
      ["DNS failure", () => readChainOf("https://no-such-host.invalid", scopeOf(undefined, failingDns)), "no-such-host.invalid"],
      ["metadata", () => readChainOf("https://169.254.169.254", scopeOf()), "169.254.169.254"],
    ];
    const took = await Promise.all(cases.map(([, call, host]) => couldNotConnect(call, host)));
    for (const [i, ms] of took.entries()) {
      expect(ms, cases[i]![0]).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
      expect(ms, cases[i]![0]).toBeLessThan(DEADLINE_MS + 300);
    }
    expect(unapproved.connections).toBe(0);
    // The reasons are the server's to know: logged with host and port, never returned.
    const logged = log.at("warn").map((line) => `${String(line.target)} ${String(line.reason)}`);
    expect(logged.some((line) => line.includes(`127.0.0.1:${unapproved.port}`) && line.includes("loopback"))).toBe(true);
    expect(logged.some((line) => line.includes("ECONNREFUSED"))).toBe(true);
  });
});

describe("per-tenant limits", () => {
  const limitedScope = (tenantId: string, pool: pg.Pool, limits: OutboundLimitPolicy): OutboundScope => ({
    tenantId,
    approvedPrefixes: () => listApprovedPrefixes(t.db),
    limiter: outboundLimiter(pool, limits),
  });

  it("counts calls per minute in PostgreSQL, across processes; another tenant is unaffected", async () => {
    await approvePrefix(t.db, `${tls.origin}/`);
    const secondProcess = new pg.Pool({ connectionString: t.url, max: 2 });
    extraPools.push(secondProcess);
    const limits = { callsPerMinute: 2, concurrentCalls: 5 };
    const [a, b] = [randomUUID(), randomUUID()];
    expect(await readChainOf(tls.origin, limitedScope(a, t.pool, limits))).toBe("localhost");
    expect(await readChainOf(tls.origin, limitedScope(a, secondProcess, limits))).toBe("localhost");
    const before = tls.connections;
    const error = await readChainOf(tls.origin, limitedScope(a, secondProcess, limits)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundLimitError);
    expect((error as Error).message).toMatch(/^too many outbound calls for this tenant; try again in \d+ s$/);
    expect(tls.connections).toBe(before);
    expect(await readChainOf(tls.origin, limitedScope(b, t.pool, limits))).toBe("localhost");
  });

  it("limits open calls per tenant: a refusal is immediate and distinct; another tenant is unaffected", async () => {
    const silent = await started(startTcpListener());
    await approvePrefix(t.db, `${silent.origin}/`);
    const limiter = outboundLimiter(t.pool, { callsPerMinute: 100, concurrentCalls: 2 });
    const a: OutboundScope = { tenantId: randomUUID(), approvedPrefixes: () => listApprovedPrefixes(t.db), limiter };
    const b: OutboundScope = { ...a, tenantId: randomUUID() };
    const hanging = [1, 2].map(() => couldNotConnect(() => readChainOf(silent.origin, a), "127.0.0.1"));
    await vi.waitFor(() => expect(silent.connections).toBe(2));
    const begun = performance.now();
    await expect(readChainOf(tls.origin, a)).rejects.toBeInstanceOf(OutboundLimitError);
    expect(performance.now() - begun).toBeLessThan(200);
    expect(await readChainOf(tls.origin, b)).toBe("localhost");
    await Promise.all(hanging);
    expect(await readChainOf(tls.origin, a)).toBe("localhost");
  });
});

describe("request", () => {
  const get = (path: string, scope: OutboundScope, maxResponseBytes = 1_000) =>
    request({ method: "GET", url: `${tls.origin}${path}`, scope, maxResponseBytes, timeoutMs: DEADLINE_MS });

  it("verifies the server against Node's roots plus OUTBOUND_EXTRA_CA_FILE, follows no redirect and caps the answer", async () => {
    await approvePrefix(t.db, `${tls.origin}/`);
    const scope = scopeOf();
    // The tests' CA is nobody's root until the operator adds it.
    await couldNotConnect(() => get("/", scope), "127.0.0.1");
    process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
    try {
      const answer = await get("/", scope);
      expect(answer).toMatchObject({ status: 200 });
      expect(answer.body.toString()).toBe(`hello 127.0.0.1:${tls.port}`);

      const other = listeners[1]!;
      const before = other.connections;
      expect(await get("/redirect", scope)).toMatchObject({ status: 302, headers: { location: `${other.origin}/` } });
      expect(other.connections).toBe(before);

      await expect(get("/big", scope, 9_999)).rejects.toBeInstanceOf(OutboundResponseTooLargeError);
      expect((await get("/big", scope, 10_000)).body).toHaveLength(10_000);
    } finally {
      delete process.env.OUTBOUND_EXTRA_CA_FILE;
    }
  });
});
