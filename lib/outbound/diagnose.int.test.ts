import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeHttps, sendJson, type FakeHttps } from "@/testing/fake-providers/server";
import { OTHER_TRUST_CA, TEST_CLIENT_CERT, TEST_TRUST_CA } from "@/testing/fake-providers/testbed";
import { memoryScope } from "@/testing/outbound";
import { closedPort, startTcpListener, type Listener } from "@/testing/outbound-listeners";
import { diagnoseConnection } from "./diagnose";
import { OutboundLimitError } from "./errors";

/*
 * The connection check's diagnosis against real listeners on 127.0.0.1 (a refused range): it names
 * the failing stage only for an admitted address, and a refused one never gets a connection.
 */

const DEADLINE_MS = 600;
let plain: FakeHttps;
let mtls: FakeHttps;
let notTls: Listener;

beforeAll(async () => {
  const ok = (_r: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, {});
  [plain, mtls, notTls] = await Promise.all([startFakeHttps({}, ok), startFakeHttps({ requireClientCert: true }, ok), startTcpListener()]);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => [plain, mtls].forEach((fake) => fake.reset()));
afterAll(async () => {
  await Promise.all([plain.close(), mtls.close(), notTls.close()]);
});

const approved = (...prefixes: string[]) => memoryScope({ approvedPrefixes: prefixes });

describe("diagnoseConnection", () => {
  it("passes an approved address whose chain verifies, and names the server's certificate", async () => {
    const diagnosis = await diagnoseConnection({ url: `${plain.origin}/v1`, scope: approved(plain.prefix), ca: TEST_TRUST_CA, timeoutMs: DEADLINE_MS });
    expect(diagnosis).toMatchObject({ ok: true, server: { subject: "localhost" } });
  });

  it("refuses an address off the trustlist before any connection, at the deadline", async () => {
    const started = Date.now();
    const diagnosis = await diagnoseConnection({ url: plain.origin, scope: approved(), ca: TEST_TRUST_CA, timeoutMs: DEADLINE_MS });
    expect(diagnosis).toEqual({ ok: false, stage: "address", reason: "notAllowed" });
    expect(plain.connections).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
  });

  it("refuses a closed port off the trustlist the same way (no port scan through the check)", async () => {
    const port = await closedPort();
    const diagnosis = await diagnoseConnection({ url: `https://127.0.0.1:${port}`, scope: approved(), timeoutMs: DEADLINE_MS });
    expect(diagnosis).toEqual({ ok: false, stage: "address", reason: "notAllowed" });
  });

  it("tells a closed port (TCP) on an approved address", async () => {
    const port = await closedPort();
    const url = `https://127.0.0.1:${port}`;
    expect(await diagnoseConnection({ url, scope: approved(`${url}/`), timeoutMs: DEADLINE_MS })).toMatchObject({ ok: false, stage: "tcp", reason: "refused" });
  });

  it("tells a server chain that does not verify against the trust certificate (TLS)", async () => {
    const diagnosis = await diagnoseConnection({ url: plain.origin, scope: approved(plain.prefix), ca: OTHER_TRUST_CA, timeoutMs: DEADLINE_MS });
    expect(diagnosis).toMatchObject({ ok: false, stage: "tls", reason: "serverCertificate" });
  });

  it("tells a server that does not speak TLS", async () => {
    const diagnosis = await diagnoseConnection({ url: notTls.origin, scope: approved(`${notTls.origin}/`), timeoutMs: DEADLINE_MS });
    expect(diagnosis).toMatchObject({ ok: false, stage: "tls" });
  });

  it("tells a missing client certificate where the server demands one, and passes with it", async () => {
    const scope = approved(mtls.prefix);
    expect(await diagnoseConnection({ url: mtls.origin, scope, ca: TEST_TRUST_CA, timeoutMs: DEADLINE_MS })).toMatchObject({
      ok: false,
      stage: "tls",
      reason: "clientCertificate",
    });
    expect(mtls.requests).toHaveLength(0);
    expect(await diagnoseConnection({ url: mtls.origin, scope, ca: TEST_TRUST_CA, clientCert: TEST_CLIENT_CERT, timeoutMs: DEADLINE_MS })).toMatchObject({
      ok: true,
      clientCertificatePresented: true,
    });
  });

  it("keeps the connector's per-tenant limits: a failed diagnosis holds its slot until the deadline", async () => {
    const port = await closedPort();
    const url = `https://127.0.0.1:${port}`;
    const scope = memoryScope({ approvedPrefixes: [`${url}/`], limits: { callsPerMinute: 100, concurrentCalls: 1 } });
    await diagnoseConnection({ url, scope, timeoutMs: 2_000 });
    await expect(diagnoseConnection({ url, scope, timeoutMs: 2_000 })).rejects.toBeInstanceOf(OutboundLimitError);
  });
});
