import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCertificate, listCertificateChoices, listCertificates } from "@/db/queries/certificates";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { PAGE_SIZE } from "@/lib/pagination";
import { fixture } from "@/testing/fixtures/certificates";
import { parseTrustCertificates } from "./parse";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;

const leaf = parseTrustCertificates(fixture("leaf.pem"));
const values = (name: string, kind: "trust" | "identity" = "trust") => ({
  name,
  kind,
  source: "upload" as const,
  subject: leaf.chain[0]!.subject,
  issuer: leaf.chain[0]!.issuer,
  serialNumber: leaf.chain[0]!.serialNumber,
  notBefore: leaf.chain[0]!.notBefore,
  notAfter: leaf.chain[0]!.notAfter,
  fingerprintSha256: leaf.chain[0]!.fingerprintSha256,
  chainPem: leaf.chainPem,
  chainLength: 1,
  privateKeyEncrypted: kind === "identity" ? "v1.not.a.real.secret" : null,
});

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  for (let i = 1; i <= PAGE_SIZE + 1; i++) {
    await insertCertificate(t.db, { tenantId: a.tenant.id }, values(`cert-${String(i).padStart(2, "0")}`, i === 3 ? "identity" : "trust"));
  }
  await insertCertificate(t.db, { tenantId: b.tenant.id }, values("other-tenant"));
});
afterAll(() => t.close());

describe("listCertificates", () => {
  it("pages through the tenant's certificates by name and shows no key material", async () => {
    const first = await listCertificates(t.db, { tenantId: a.tenant.id }, 1);
    expect(first).toMatchObject({ total: PAGE_SIZE + 1, pageCount: 2, page: 1 });
    expect(first.items).toHaveLength(PAGE_SIZE);
    expect(first.items[0]!.name).toBe("cert-01");
    expect(Object.keys(first.items[0]!)).not.toEqual(expect.arrayContaining(["privateKeyEncrypted"]));
    expect(JSON.stringify(first)).not.toContain("not.a.real.secret");
    const second = await listCertificates(t.db, { tenantId: a.tenant.id }, 2);
    expect(second.items.map((c) => c.name)).toEqual([`cert-${PAGE_SIZE + 1}`]);
    const other = await listCertificates(t.db, { tenantId: b.tenant.id }, 1);
    expect(other.items.map((c) => c.name)).toEqual(["other-tenant"]);
  });

  it("offers the wizard the tenant's certificates of one kind", async () => {
    expect((await listCertificateChoices(t.db, { tenantId: a.tenant.id }, "identity")).map((c) => c.name)).toEqual(["cert-03"]);
    expect(await listCertificateChoices(t.db, { tenantId: b.tenant.id }, "identity")).toEqual([]);
  });
});
