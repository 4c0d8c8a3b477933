import { and, asc, eq, sql } from "drizzle-orm";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { certificates, users, type Certificate } from "../schema";
import type { TenantScope } from "../scope";

export type CertificateKind = Certificate["kind"];

/** A certificate as lists and audit entries see it: never key material. */
const listColumns = {
  id: certificates.id,
  name: certificates.name,
  kind: certificates.kind,
  source: certificates.source,
  sourceUrl: certificates.sourceUrl,
  subject: certificates.subject,
  issuer: certificates.issuer,
  notBefore: certificates.notBefore,
  notAfter: certificates.notAfter,
  fingerprintSha256: certificates.fingerprintSha256,
  chainLength: certificates.chainLength,
  createdAt: certificates.createdAt,
};

export type CertificateListItem = Pick<Certificate, keyof typeof listColumns>;

export interface CertificateDetail extends CertificateListItem {
  serialNumber: string;
  chainPem: string;
  hasPrivateKey: boolean;
  hasPkcs12: boolean;
  createdByEmail: string | null;
}

/** The encrypted key material of an identity certificate, for the code that presents it (decrypt with its id as context). */
export type CertificateSecrets = Pick<
  Certificate,
  "id" | "kind" | "chainPem" | "privateKeyEncrypted" | "pkcs12Encrypted" | "pkcs12PasswordEncrypted"
>;

export type NewCertificate = Omit<typeof certificates.$inferInsert, "tenantId" | "createdAt">;

const byIdInTenant = (scope: TenantScope, id: string) => and(eq(certificates.id, id), eq(certificates.tenantId, scope.tenantId));

export async function listCertificates(db: DbOrTx, scope: TenantScope, page: number): Promise<Page<CertificateListItem>> {
  const where = eq(certificates.tenantId, scope.tenantId);
  return listPage(
    db,
    db
      .select(listColumns)
      .from(certificates)
      .where(where)
      .$dynamic(),
    { table: certificates, where, order: [asc(sql`lower(${certificates.name})`), asc(certificates.id)] },
    page,
  );
}

/** Choices for a channel's trust / identity certificate field. */
export async function listCertificateChoices(
  db: DbOrTx,
  scope: TenantScope,
  kind: CertificateKind,
): Promise<Pick<Certificate, "id" | "name" | "notAfter">[]> {
  return db
    .select({ id: certificates.id, name: certificates.name, notAfter: certificates.notAfter })
    .from(certificates)
    .where(and(eq(certificates.tenantId, scope.tenantId), eq(certificates.kind, kind)))
    .orderBy(asc(sql`lower(${certificates.name})`));
}

/** Another tenant's id answers exactly like a missing one. */
export async function getCertificate(db: DbOrTx, scope: TenantScope, id: string): Promise<CertificateDetail | null> {
  const [row] = await db
    .select({
      ...listColumns,
      serialNumber: certificates.serialNumber,
      chainPem: certificates.chainPem,
      hasPrivateKey: sql<boolean>`${certificates.privateKeyEncrypted} is not null`,
      hasPkcs12: sql<boolean>`${certificates.pkcs12Encrypted} is not null`,
      createdByEmail: users.email,
    })
    .from(certificates)
    .leftJoin(users, eq(users.id, certificates.createdByUserId))
    .where(byIdInTenant(scope, id));
  return row ?? null;
}

/** For the wizard (issue 4): is this id one of the tenant's certificates (of this kind)? */
export async function certificateBelongsToTenant(
  db: DbOrTx,
  scope: TenantScope,
  id: string,
  kind?: CertificateKind,
): Promise<boolean> {
  const [row] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(byIdInTenant(scope, id), kind ? eq(certificates.kind, kind) : undefined));
  return Boolean(row);
}

export async function getCertificateSecrets(db: DbOrTx, scope: TenantScope, id: string): Promise<CertificateSecrets | null> {
  const [row] = await db
    .select({
      id: certificates.id,
      kind: certificates.kind,
      chainPem: certificates.chainPem,
      privateKeyEncrypted: certificates.privateKeyEncrypted,
      pkcs12Encrypted: certificates.pkcs12Encrypted,
      pkcs12PasswordEncrypted: certificates.pkcs12PasswordEncrypted,
    })
    .from(certificates)
    .where(byIdInTenant(scope, id));
  return row ?? null;
}

export async function insertCertificate(db: DbOrTx, scope: TenantScope, values: NewCertificate): Promise<CertificateListItem> {
  const [row] = await db
    .insert(certificates)
    .values({ ...values, tenantId: scope.tenantId })
    .returning(listColumns);
  return row!;
}

/** Deletes within the tenant only; null when there was nothing of this tenant to delete. */
export async function deleteCertificate(db: DbOrTx, scope: TenantScope, id: string): Promise<CertificateListItem | null> {
  const [row] = await db.delete(certificates).where(byIdInTenant(scope, id)).returning(listColumns);
  return row ?? null;
}
