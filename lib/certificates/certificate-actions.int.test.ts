import { createPrivateKey } from "node:crypto";
import tls from "node:tls";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, certificates } from "@/db/schema";
import { certificateBelongsToTenant, getCertificate, getCertificateSecrets } from "@/db/queries/certificates";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, isEncryptedSecret } from "@/lib/crypto/secrets";
import { createActionClient } from "@/lib/guard/actions";
import { certificateActions } from "./actions";
import { fixture, fixtureText, KEY_PASSPHRASE, P12_PASSWORD, pemFingerprints } from "@/testing/fixtures/certificates";
import { secretContext } from "./store";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;

const as = (user: CurrentUser | null) => certificateActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const file = (name: string, data: Uint8Array | string = fixture(name)) => new File([typeof data === "string" ? data : new Uint8Array(data)], name);
const [LEAF, INTERMEDIATE, ROOT] = pemFingerprints(fixtureText("chain.pem"));
const LEAF_KEY_PKCS8 = createPrivateKey(fixture("leaf.key")).export({ type: "pkcs8", format: "pem" }).toString();

async function uploadTrust(user: CurrentUser, name = `Trust ${uniqueSuffix()}`, upload = file("chain.pem")) {
  const result = await as(user).uploadTrust({ name, file: upload });
  if (!result.ok) throw new Error(`upload failed: ${JSON.stringify(result)}`);
  return result.data.id;
}

const rowOf = async (id: string) => (await t.db.select().from(certificates).where(eq(certificates.id, id)))[0];
const auditOf = (id: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, id));

/** An identity certificate's secrets, decrypted as a TLS client would need them (node:tls options). */
async function loadIdentityMaterial(db: TestDatabase["db"], scope: { tenantId: string }, certificateId: string) {
  const row = await getCertificateSecrets(db, scope, certificateId);
  if (!row || row.kind !== "identity") return null;
  const keyring = getKeyring();
  if (row.privateKeyEncrypted) {
    return { cert: row.chainPem, key: decryptSecret(keyring, row.privateKeyEncrypted, secretContext(row.id, "privateKey")) };
  }
  if (row.pkcs12Encrypted && row.pkcs12PasswordEncrypted) {
    return {
      pfx: Buffer.from(decryptSecret(keyring, row.pkcs12Encrypted, secretContext(row.id, "pkcs12")), "base64"),
      passphrase: decryptSecret(keyring, row.pkcs12PasswordEncrypted, secretContext(row.id, "pkcs12Password")),
    };
  }
  return null;
}

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

describe("who may change certificates", () => {
  it("refuses a signed-out caller", async () => {
    expect(await as(null).uploadTrust({ name: "x", file: file("leaf.pem") })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("refuses support staff and system administrators every change, and stores nothing", async () => {
    const sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
    const id = await uploadTrust(a.admin);
    for (const user of [a.support, sysadmin]) {
      const actions = as(user);
      const name = `Sneaky ${uniqueSuffix()}`;
      expect(await actions.uploadTrust({ name, file: file("leaf.pem") })).toEqual({ ok: false, error: "forbidden" });
      expect(
        await actions.uploadIdentity({ format: "pem", name, certificateFile: file("leaf.pem"), keyFile: file("leaf.key") }),
      ).toEqual({ ok: false, error: "forbidden" });
      expect(await actions.previewFromUrl({ url: "https://127.0.0.1:1" })).toEqual({ ok: false, error: "forbidden" });
      expect(await actions.saveFromUrl({ name, url: "https://127.0.0.1:1", fingerprints: [LEAF] })).toEqual({ ok: false, error: "forbidden" });
      expect(await actions.deleteCertificate({ certificateId: id })).toEqual({ ok: false, error: "forbidden" });
      expect(await t.db.select().from(certificates).where(eq(certificates.name, name))).toHaveLength(0);
    }
    expect(await rowOf(id)).toBeDefined();
  });
});

describe("uploadTrust", () => {
  it("stores a PEM chain with its leaf's details and audits facts only", async () => {
    const name = `Infobip ${uniqueSuffix()}`;
    const id = await uploadTrust(a.admin, `  ${name} `);
    const row = await rowOf(id);
    expect(row).toMatchObject({
      tenantId: a.tenant.id,
      name,
      kind: "trust",
      source: "upload",
      subject: "CN=localhost, O=Channel Console Tests, C=DE",
      notAfter: new Date("2035-01-01T00:00:00Z"),
      fingerprintSha256: LEAF,
      chainLength: 3,
      privateKeyEncrypted: null,
      pkcs12Encrypted: null,
      createdByUserId: a.admin.id,
    });
    expect(pemFingerprints(row!.chainPem)).toEqual([LEAF, INTERMEDIATE, ROOT]);
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ tenantId: a.tenant.id, actorUserId: a.admin.id, action: "certificate.create", targetType: "certificate" });
    expect(entry!.after).toMatchObject({ name, kind: "trust", fingerprintSha256: LEAF, chainLength: 3 });
    expect(entry!.after).not.toHaveProperty("privateKey");
  });

  it("reads a DER file whatever it is called, and takes FormData from a plain form post", async () => {
    const id = await uploadTrust(a.admin, `Der ${uniqueSuffix()}`, file("api-infobip.pem", fixture("self-signed.der")));
    expect((await rowOf(id))!.fingerprintSha256).toBe(pemFingerprints(fixtureText("self-signed.pem"))[0]);
    const form = new FormData();
    form.set("name", `Form ${uniqueSuffix()}`);
    form.set("file", file("leaf.crt", fixture("leaf.pem")));
    const result = await as(a.admin).uploadTrust(form);
    expect(result.ok).toBe(true);
  });

  it.each([
    ["a file that is not a certificate", file("notes.pem", "just some text"), { file: ["certificates.errors.notACertificate"] }],
    ["an empty file", file("empty.pem", ""), { file: ["certificates.errors.fileEmpty"] }],
    ["a 5 MB file", file("huge.pem", new Uint8Array(5 * 1024 * 1024)), { file: ["certificates.errors.fileTooLarge"] }],
    ["a file with a private key", file("both.pem", fixtureText("leaf.pem") + fixtureText("leaf.key")), { file: ["certificates.errors.containsPrivateKey"] }],
    ["a PKCS#12 file", file("identity.p12"), { file: ["certificates.errors.notACertificate"] }],
    ["no file", undefined, { file: ["certificates.errors.fileRequired"] }],
  ])("explains %s next to the file field and stores nothing", async (_label, upload, fieldErrors) => {
    const name = `Bad ${uniqueSuffix()}`;
    expect(await as(a.admin).uploadTrust({ name, file: upload })).toMatchObject({ ok: false, fieldErrors });
    expect(await t.db.select().from(certificates).where(eq(certificates.name, name))).toHaveLength(0);
  });

  it("refuses a name the tenant already uses, in any case; another tenant may use it", async () => {
    const name = `Shared ${uniqueSuffix()}`;
    await uploadTrust(a.admin, name);
    expect(await as(a.admin).uploadTrust({ name: name.toUpperCase(), file: file("leaf.pem") })).toEqual({
      ok: false,
      error: "certificates.errors.nameTaken",
      fieldErrors: { name: ["certificates.errors.nameTaken"] },
    });
    expect(await as(a.admin).uploadTrust({ name: "", file: file("leaf.pem") })).toMatchObject({ fieldErrors: { name: ["required"] } });
    expect((await as(b.admin).uploadTrust({ name, file: file("leaf.pem") })).ok).toBe(true);
  });
});

describe("uploadIdentity", () => {
  it("stores a PEM key encrypted, decrypts it back, and never audits or returns it", async () => {
    const log = vi.spyOn(console, "log");
    const result = await as(a.admin).uploadIdentity({
      format: "pem",
      name: `Identity ${uniqueSuffix()}`,
      certificateFile: file("leaf.pem"),
      keyFile: file("leaf-encrypted.key"),
      keyPassphrase: KEY_PASSPHRASE,
    });
    expect(result).toEqual({ ok: true, data: { id: expect.any(String) } });
    const id = result.ok ? result.data.id : "";
    const row = (await rowOf(id))!;
    expect(row.kind).toBe("identity");
    expect(isEncryptedSecret(row.privateKeyEncrypted!)).toBe(true);
    expect(row.privateKeyEncrypted).not.toContain("PRIVATE KEY");
    expect(decryptSecret(getKeyring(), row.privateKeyEncrypted!, secretContext(id, "privateKey"))).toBe(LEAF_KEY_PKCS8);
    // The ciphertext is bound to its row: it does not decrypt as another certificate's key.
    expect(() => decryptSecret(getKeyring(), row.privateKeyEncrypted!, secretContext(a.tenant.id, "privateKey"))).toThrow();
    expect(await loadIdentityMaterial(t.db, { tenantId: a.tenant.id }, id)).toEqual({ cert: row.chainPem, key: LEAF_KEY_PKCS8 });
    expect(await loadIdentityMaterial(t.db, { tenantId: b.tenant.id }, id)).toBeNull();
    const audit = await auditOf(id);
    expect(audit[0]!.after).toMatchObject({ kind: "identity", privateKey: "present" });
    const everything = JSON.stringify([audit, row.chainPem, result, log.mock.calls]);
    expect(everything).not.toMatch(/PRIVATE KEY|fixture-key-passphrase/);
    expect(everything).not.toContain(LEAF_KEY_PKCS8.split("\n")[1]);
    log.mockRestore();
  });

  it("stores a PKCS#12 file and its password encrypted; they open as a TLS identity", async () => {
    const result = await as(a.admin).uploadIdentity({
      format: "pkcs12",
      name: `P12 ${uniqueSuffix()}`,
      pkcs12File: file("identity.p12"),
      pkcs12Password: P12_PASSWORD,
    });
    const id = result.ok ? result.data.id : "";
    const row = (await rowOf(id))!;
    expect(row).toMatchObject({ fingerprintSha256: LEAF, chainLength: 2, privateKeyEncrypted: null });
    expect(isEncryptedSecret(row.pkcs12Encrypted!) && isEncryptedSecret(row.pkcs12PasswordEncrypted!)).toBe(true);
    expect(row.pkcs12PasswordEncrypted).not.toContain(P12_PASSWORD);
    const material = await loadIdentityMaterial(t.db, { tenantId: a.tenant.id }, id);
    expect(material).toEqual({ pfx: fixture("identity.p12"), passphrase: P12_PASSWORD });
    expect(() => tls.createSecureContext(material as { pfx: Buffer; passphrase: string })).not.toThrow();
    const audit = JSON.stringify(await auditOf(id));
    expect(audit).toContain('"pkcs12":"present"');
    expect(audit).not.toContain(P12_PASSWORD);
    expect(audit).not.toContain(fixture("identity.p12").toString("base64").slice(0, 40));
  });

  it("takes FormData, where a file input left empty means no file", async () => {
    const form = new FormData();
    form.set("format", "pem");
    form.set("name", `Form identity ${uniqueSuffix()}`);
    form.set("certificateFile", file("leaf.pem"));
    form.set("keyFile", new File([], ""));
    expect(await as(a.admin).uploadIdentity(form)).toMatchObject({ fieldErrors: { keyFile: ["certificates.errors.keyMissing"] } });
    form.set("keyFile", file("leaf.key"));
    expect((await as(a.admin).uploadIdentity(form)).ok).toBe(true);
  });

  it.each([
    ["a key that does not match", { format: "pem", certificateFile: file("leaf.pem"), keyFile: file("other.key") }, { keyFile: ["certificates.errors.keyMismatch"] }],
    ["an encrypted key without passphrase", { format: "pem", certificateFile: file("leaf.pem"), keyFile: file("leaf-encrypted.key") }, { keyPassphrase: ["certificates.errors.keyEncrypted"] }],
    ["a certificate without its key", { format: "pem", certificateFile: file("leaf.pem") }, { keyFile: ["certificates.errors.keyMissing"] }],
    ["a key file as the certificate", { format: "pem", certificateFile: file("leaf.key") }, { certificateFile: ["certificates.errors.notACertificate"] }],
    ["a wrong PKCS#12 password", { format: "pkcs12", pkcs12File: file("identity.p12"), pkcs12Password: "wrong" }, { pkcs12Password: ["certificates.errors.pkcs12PasswordWrong"] }],
    ["a PKCS#12 file without a key", { format: "pkcs12", pkcs12File: file("certs-only.p12"), pkcs12Password: P12_PASSWORD }, { pkcs12File: ["certificates.errors.pkcs12NoKey"] }],
    ["a 5 MB PKCS#12 file", { format: "pkcs12", pkcs12File: file("big.p12", new Uint8Array(5 * 1024 * 1024)) }, { pkcs12File: ["certificates.errors.fileTooLarge"] }],
    ["an unknown format", { format: "jks", certificateFile: file("leaf.pem") }, { format: expect.any(Array) }],
  ])("explains %s next to the field", async (_label, input, fieldErrors) => {
    const name = `Bad identity ${uniqueSuffix()}`;
    expect(await as(a.admin).uploadIdentity({ name, ...input })).toMatchObject({ ok: false, fieldErrors });
    expect(await t.db.select().from(certificates).where(eq(certificates.name, name))).toHaveLength(0);
  });
});

describe("tenancy and deletion", () => {
  it("treats another tenant's certificate as missing", async () => {
    const id = await uploadTrust(a.admin);
    expect(await getCertificate(t.db, { tenantId: b.tenant.id }, id)).toBeNull();
    expect(await getCertificate(t.db, { tenantId: a.tenant.id }, id)).toMatchObject({ id, hasPrivateKey: false, hasPkcs12: false });
    expect(await certificateBelongsToTenant(t.db, { tenantId: a.tenant.id }, id)).toBe(true);
    expect(await certificateBelongsToTenant(t.db, { tenantId: a.tenant.id }, id, "trust")).toBe(true);
    expect(await certificateBelongsToTenant(t.db, { tenantId: a.tenant.id }, id, "identity")).toBe(false);
    expect(await certificateBelongsToTenant(t.db, { tenantId: b.tenant.id }, id)).toBe(false);
    expect(await as(b.admin).deleteCertificate({ certificateId: id })).toEqual({ ok: false, error: "notFound" });
    expect(await rowOf(id)).toBeDefined();
  });

  it("deletes with an audit entry; a second delete and a malformed id are refused", async () => {
    const id = await uploadTrust(a.admin);
    expect(await as(a.admin).deleteCertificate({ certificateId: id })).toEqual({ ok: true, data: undefined });
    expect(await rowOf(id)).toBeUndefined();
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "certificate.delete")));
    expect(entry).toMatchObject({ tenantId: a.tenant.id, actorUserId: a.admin.id, before: expect.objectContaining({ fingerprintSha256: LEAF }) });
    expect(await as(a.admin).deleteCertificate({ certificateId: id })).toEqual({ ok: false, error: "notFound" });
    expect(await as(a.admin).deleteCertificate({ certificateId: "not-a-uuid" })).toMatchObject({ fieldErrors: { certificateId: ["invalidId"] } });
  });

  it("refuses to delete a certificate that something still references (foreign key), with a clear message", async () => {
    const id = await uploadTrust(a.admin);
    // Stands in for issue 4's channels table, which will reference certificates the same way.
    await t.pool.query("create table channel_certificate_refs (certificate_id uuid not null references certificates(id))");
    await t.pool.query("insert into channel_certificate_refs values ($1)", [id]);
    expect(await as(a.admin).deleteCertificate({ certificateId: id })).toEqual({ ok: false, error: "certificates.errors.inUse" });
    expect(await rowOf(id)).toBeDefined();
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "certificate.delete")))).toHaveLength(0);
    await t.pool.query("drop table channel_certificate_refs");
    expect((await as(a.admin).deleteCertificate({ certificateId: id })).ok).toBe(true);
  });
});
