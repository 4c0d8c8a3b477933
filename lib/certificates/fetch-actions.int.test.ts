import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { auditLog, certificates } from "@/db/schema";
import { createTestTenant, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { approvePrefix } from "@/testing/outbound";
import { startHttpsListener, type Listener } from "@/testing/outbound-listeners";
import { certificateActions } from "./actions";
import { fixtureText, pemFingerprints } from "@/testing/fixtures/certificates";
import { closedPort, startTcpServer, startTlsServer } from "@/testing/fixtures/certificates/servers";

// A failure to connect is answered at the connector's deadline, whatever the cause: keep it short here.
process.env.OUTBOUND_TIMEOUT_MS = "500";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
/** Presents the fixture leaf and intermediate (testing/test-ca.ts) and counts connections. */
let server: Listener;

const as = (user: CurrentUser) => certificateActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const [LEAF, INTERMEDIATE] = pemFingerprints(fixtureText("chain.pem"));
const byName = (name: string) => t.db.select().from(certificates).where(eq(certificates.name, name));

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTestTenant(t.db);
  server = await startHttpsListener();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe("fetch from URL", () => {
  it("previews the fingerprints the local TLS server uses, once its prefix is approved, then stores exactly that chain on confirmation", async () => {
    const url = `https://127.0.0.1:${server.port}`;
    expect(await as(a.admin).previewFromUrl({ url })).toMatchObject({ ok: false, fieldErrors: { url: ["certificates.errors.couldNotConnect"] } });
    expect(server.connections).toBe(0);
    await approvePrefix(t.db, `${url}/`);
    const preview = await as(a.admin).previewFromUrl({ url });
    expect(preview).toMatchObject({ ok: true, data: { origin: `https://127.0.0.1:${server.port}` } });
    const chain = preview.ok ? preview.data.chain : [];
    expect(chain.map((c) => c.fingerprintSha256)).toEqual([LEAF, INTERMEDIATE]);
    expect(chain[0]).toMatchObject({ subject: "CN=localhost, O=Channel Console Tests, C=DE", notAfter: new Date("2035-01-01T00:00:00Z") });
    // The preview stores nothing.
    expect(await t.db.select().from(certificates)).toHaveLength(0);

    const name = `Fetched ${uniqueSuffix()}`;
    const saved = await as(a.admin).saveFromUrl({ name, url: `${url}/`, fingerprints: chain.map((c) => c.fingerprintSha256) });
    expect(saved.ok).toBe(true);
    const [row] = await byName(name);
    expect(row).toMatchObject({
      tenantId: a.tenant.id,
      kind: "trust",
      source: "url",
      sourceUrl: `https://127.0.0.1:${server.port}`,
      fingerprintSha256: LEAF,
      chainLength: 2,
    });
    expect(pemFingerprints(row!.chainPem)).toEqual([LEAF, INTERMEDIATE]);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(entry!.after).toMatchObject({ source: "url", sourceUrl: `https://127.0.0.1:${server.port}`, fingerprintSha256: LEAF });
  });

  it("refuses to save when the server now presents something other than what was confirmed", async () => {
    const other = await startTlsServer(["self-signed.pem"], "self-signed.key");
    await approvePrefix(t.db, `https://127.0.0.1:${other.port}/`);
    try {
      const name = `Swapped ${uniqueSuffix()}`;
      const result = await as(a.admin).saveFromUrl({ name, url: `https://127.0.0.1:${other.port}`, fingerprints: [LEAF, INTERMEDIATE] });
      expect(result).toEqual({ ok: false, error: "certificates.errors.chainChanged" });
      const truncated = await as(a.admin).saveFromUrl({ name, url: `https://127.0.0.1:${server.port}`, fingerprints: [LEAF] });
      expect(truncated).toEqual({ ok: false, error: "certificates.errors.chainChanged" });
      expect(await byName(name)).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("explains addresses it will not or cannot fetch, next to the address field, all unreachable ones alike", async () => {
    const closed = await closedPort();
    const http = await startTcpServer("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    // Reachable only because approved: what is left is that nothing (TLS) answers there.
    for (const port of [closed, http.port]) await approvePrefix(t.db, `https://127.0.0.1:${port}/`);
    const postgresPort = new URL(inject("adminDatabaseUrl")).port || "5432";
    const couldNotConnect = "certificates.errors.couldNotConnect";
    try {
      const cases: [string, string][] = [
        ["http://127.0.0.1:80", "certificates.errors.urlNotHttps"],
        ["https://127.0.0.1:8443/api/path", "certificates.errors.urlInvalid"],
        ["https://admin:secret@127.0.0.1", "certificates.errors.urlInvalid"],
        // Refused: a private address no approved prefix admits, in any spelling.
        [`https://127.0.0.1:${postgresPort}`, couldNotConnect],
        ["https://127.0.0.1", couldNotConnect],
        ["https://169.254.169.254", couldNotConnect],
        ["https://[fd00:ec2::254]", couldNotConnect],
        ["https://2130706433", couldNotConnect],
        ["https://[::ffff:7f00:1]", couldNotConnect],
        [`https://[::ffff:7f00:1]:${server.port}`, couldNotConnect],
        [`https://localhost:${server.port}`, couldNotConnect],
        [`https://10.0.0.1:${server.port}`, couldNotConnect],
        // Tried, and failed: the same answer.
        [`https://127.0.0.1:${closed}`, couldNotConnect],
        [`https://127.0.0.1:${http.port}`, couldNotConnect],
      ];
      const before = server.connections;
      // One at a time: more than 10 at once would meet the tenant's concurrency limit instead.
      for (const [url, code] of cases) {
        expect(await as(a.admin).previewFromUrl({ url }), url).toMatchObject({ ok: false, fieldErrors: { url: [code] } });
      }
      expect(server.connections).toBe(before);
      const name = `Refused ${uniqueSuffix()}`;
      expect(await as(a.admin).saveFromUrl({ name, url: `https://127.0.0.1:${closed}`, fingerprints: [LEAF] })).toMatchObject({
        fieldErrors: { url: [couldNotConnect] },
      });
      expect(await as(a.admin).saveFromUrl({ name, url: `https://127.0.0.1:${server.port}`, fingerprints: ["nope"] })).toMatchObject({
        fieldErrors: { "fingerprints.0": ["invalid"] },
      });
      expect(await byName(name)).toHaveLength(0);
    } finally {
      await http.close();
    }
  });

  it("refuses a tenant past its outbound calls per minute, with its own message; other tenants still fetch", async () => {
    const url = `https://127.0.0.1:${server.port}`;
    await approvePrefix(t.db, `${url}/`);
    const busy = await createTestTenant(t.db);
    const other = await createTestTenant(t.db);
    // The limit counted in PostgreSQL (300 a minute by default): spend it as another process would have.
    await t.pool.query(`insert into rate_limits (key, points, expire) values ($1, 300, $2)`, [`outbound:tenant:${busy.tenant.id}`, Date.now() + 60_000]);
    const refused = await as(busy.admin).previewFromUrl({ url });
    expect(refused).toMatchObject({ ok: false, error: "outboundTooManyCalls", values: { seconds: expect.any(Number) } });
    expect(await as(other.admin).previewFromUrl({ url })).toMatchObject({ ok: true });
  });
});
