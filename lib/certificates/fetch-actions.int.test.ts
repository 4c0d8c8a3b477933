import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, certificates } from "@/db/schema";
import { createTestTenant, uniqueSuffix } from "@/db/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { certificateActions } from "./actions";
import { fixtureText, pemFingerprints } from "./fixtures";
import { closedPort, startTcpServer, startTlsServer } from "./fixtures/servers";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let server: Awaited<ReturnType<typeof startTlsServer>>;

const as = (user: CurrentUser) => certificateActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const [LEAF, INTERMEDIATE] = pemFingerprints(fixtureText("chain.pem"));
const byName = (name: string) => t.db.select().from(certificates).where(eq(certificates.name, name));

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTestTenant(t.db);
  server = await startTlsServer(["leaf.pem", "intermediate-ca.pem"]);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe("fetch from URL", () => {
  it("previews the fingerprints the local TLS server uses, then stores exactly that chain on confirmation", async () => {
    const url = `https://127.0.0.1:${server.port}`;
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

  it("explains addresses it will not or cannot fetch, next to the address field", async () => {
    const closed = await closedPort();
    const http = await startTcpServer("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    try {
      const cases: [string, string][] = [
        ["http://127.0.0.1:80", "certificates.errors.urlNotHttps"],
        ["https://127.0.0.1:8443/api/path", "certificates.errors.urlInvalid"],
        ["https://admin:secret@127.0.0.1", "certificates.errors.urlInvalid"],
        [`https://127.0.0.1:${closed}`, "certificates.errors.fetchRefused"],
        [`https://127.0.0.1:${http.port}`, "certificates.errors.fetchNotTls"],
      ];
      for (const [url, code] of cases) {
        expect(await as(a.admin).previewFromUrl({ url }), url).toMatchObject({ ok: false, fieldErrors: { url: [code] } });
      }
      const name = `Refused ${uniqueSuffix()}`;
      expect(await as(a.admin).saveFromUrl({ name, url: `https://127.0.0.1:${closed}`, fingerprints: [LEAF] })).toMatchObject({
        fieldErrors: { url: ["certificates.errors.fetchRefused"] },
      });
      expect(await as(a.admin).saveFromUrl({ name, url: `https://127.0.0.1:${server.port}`, fingerprints: ["nope"] })).toMatchObject({
        fieldErrors: { "fingerprints.0": ["invalid"] },
      });
      expect(await byName(name)).toHaveLength(0);
    } finally {
      await http.close();
    }
  });
});
