import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import {
  deleteCertificate as deleteCertificateRow,
  insertCertificate,
  type CertificateKind,
  type CertificateListItem,
  type NewCertificate,
} from "@/db/queries/certificates";
import type { TenantScope } from "@/db/scope";
import { conflict, isForeignKeyViolation, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import type { ParsedChain } from "./parse";

export type SecretField = "privateKey" | "pkcs12" | "pkcs12Password";
type SecretColumns = Pick<NewCertificate, "privateKeyEncrypted" | "pkcs12Encrypted" | "pkcs12PasswordEncrypted">;

/** Binds each ciphertext to its certificate and column, so it cannot be copied to another row. */
export function secretContext(certificateId: string, field: SecretField): string {
  return `certificate:${certificateId}:${field}`;
}

/** What the audit log keeps: facts about the certificate, and only whether key material is present. */
function auditView(row: CertificateListItem, secrets: SecretColumns = {}) {
  return {
    name: row.name,
    kind: row.kind,
    source: row.source,
    sourceUrl: row.sourceUrl,
    subject: row.subject,
    issuer: row.issuer,
    notAfter: row.notAfter.toISOString(),
    fingerprintSha256: row.fingerprintSha256,
    chainLength: row.chainLength,
    ...(secrets.privateKeyEncrypted ? { privateKey: "present" } : {}),
    ...(secrets.pkcs12Encrypted ? { pkcs12: "present" } : {}),
    ...(secrets.pkcs12PasswordEncrypted ? { pkcs12Password: "present" } : {}),
  };
}

export interface NewCertificateInput {
  name: string;
  kind: CertificateKind;
  source: "upload" | "url";
  sourceUrl?: string;
  parsed: ParsedChain;
  /** Encrypts key material for the row's id (the id is part of the encryption context). */
  encryptSecrets?: (certificateId: string) => SecretColumns;
}

/**
 * The row of a parsed certificate (its leaf's facts, the chain, key material encrypted for the new
 * id), without an audit entry: createCertificate records one; the development seed
 * (testing/seed/prerequisites.ts) stores its fixtures through this too.
 */
export async function insertParsedCertificate(tx: DbOrTx, scope: TenantScope, input: NewCertificateInput, createdByUserId: string | null) {
  const id = randomUUID();
  const leaf = input.parsed.chain[0]!;
  const secrets = input.encryptSecrets?.(id) ?? {};
  const row = await insertCertificate(tx, scope, {
    id,
    name: input.name,
    kind: input.kind,
    source: input.source,
    sourceUrl: input.sourceUrl ?? null,
    subject: leaf.subject,
    issuer: leaf.issuer,
    serialNumber: leaf.serialNumber,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    fingerprintSha256: leaf.fingerprintSha256,
    chainPem: input.parsed.chainPem,
    chainLength: input.parsed.chain.length,
    createdByUserId,
    ...secrets,
  });
  return { row, secrets };
}

export async function createCertificate(input: NewCertificateInput, ctx: TenantContext): Promise<{ id: string }> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { row, secrets } = await insertParsedCertificate(tx, ctx, input, ctx.user.id);
      const id = row.id;
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "certificate.create",
        targetType: "certificate",
        targetId: id,
        after: auditView(row, secrets),
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "certificates_name_key")) throw conflict("certificates.errors.nameTaken", "name");
    throw error;
  }
}

export async function deleteCertificate(input: { certificateId: string }, ctx: TenantContext): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      const row = await deleteCertificateRow(tx, ctx, input.certificateId);
      if (!row) throw notFound();
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "certificate.delete",
        targetType: "certificate",
        targetId: row.id,
        before: auditView(row),
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw conflict("certificates.errors.inUse");
    throw error;
  }
}
