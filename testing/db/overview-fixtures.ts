import { eq, sql } from "drizzle-orm";
import { certificates, channels, channelTokenStatus, webhookAttempts, webhookEndpointStatus } from "@/db/schema";
import { saveConnectionCheck } from "@/db/queries/connection-checks";
import { createTestChannel, type TestChannel } from "./channel-fixtures";
import { createTestTenant } from "./fixtures";
import type { TestDatabase } from "./test-database";

/*
 * The Overview's fixture: two tenants with traffic, checks, tokens and certificates of every kind
 * the Overview sorts, all dated relative to one `now`. Tenant A's channels are named by what they
 * show (receiving, rejecting, checkFailed, silent, oldRejection, never, disabled, tokenSoon,
 * tokenMeta); tenant B has a rejecting channel, an expiring token and a certificate, so a leak shows.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const calendarDay = (date: Date) => date.toISOString().slice(0, 10);
const failedStep = [{ step: "tcp" as const, outcome: "failed" as const, message: "connection refused" }];

export type OverviewTenants = Awaited<ReturnType<typeof seedOverviewTenants>>;

export async function seedOverviewTenants(t: TestDatabase, now: Date) {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const ahead = (ms: number) => new Date(now.getTime() + ms);

  async function accepted(tenantId: string, channel: TestChannel, at: Date) {
    await t.db.insert(webhookAttempts).values({ tenantId, channelId: channel.id, endpoint: "message", method: "POST", outcome: "accepted", statusCode: 200, stored: 1, durationMs: 3, at });
    await t.db
      .insert(webhookEndpointStatus)
      .values({ tenantId, channelId: channel.id, endpoint: "message", firstAcceptedAt: at, lastAcceptedAt: at })
      .onConflictDoUpdate({ target: [webhookEndpointStatus.channelId, webhookEndpointStatus.endpoint], set: { lastAcceptedAt: sql`greatest(${webhookEndpointStatus.lastAcceptedAt}, excluded.last_accepted_at)` } });
  }

  async function rejected(tenantId: string, channel: TestChannel, at: Date, reason: string, suppressed = 0) {
    await t.db.insert(webhookAttempts).values({ tenantId, channelId: channel.id, endpoint: "report", method: "POST", outcome: "rejected", statusCode: 401, reason, suppressed, durationMs: 1, at });
    await t.db
      .insert(webhookEndpointStatus)
      .values({ tenantId, channelId: channel.id, endpoint: "report", lastRejectedAt: at, lastRejectionReason: reason, lastRejectionStatus: 401 })
      .onConflictDoUpdate({ target: [webhookEndpointStatus.channelId, webhookEndpointStatus.endpoint], set: { lastRejectedAt: at, lastRejectionReason: reason, lastRejectionStatus: 401 } });
  }

  async function certificate(tenantId: string, name: string, notAfter: Date) {
    const [row] = await t.db
      .insert(certificates)
      .values({
        tenantId, name, kind: "trust", source: "upload", subject: `CN=${name}`, issuer: "CN=Test CA", serialNumber: name,
        notBefore: ago(365 * DAY), notAfter, fingerprintSha256: name, chainPem: "-----BEGIN CERTIFICATE-----", chainLength: 1,
      })
      .returning({ id: certificates.id });
    return row!.id;
  }

  const [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  const A: Record<string, TestChannel> = {};
  const B: Record<string, TestChannel> = {};
  const make = async (into: Record<string, TestChannel>, actor: typeof a.admin, key: string, variant: Parameters<typeof createTestChannel>[2], information = {}) => {
    const prerequisites = Object.values(into)[0]?.prerequisites;
    into[key] = await createTestChannel(t.db, actor, variant, { name: `${key}_${actor.tenantId!.slice(0, 8)}`, prerequisites, information });
  };
  for (const key of ["receiving", "rejecting", "checkFailed", "silent", "oldRejection", "never", "disabled"]) await make(A, a.admin, key, "infobip");
  await make(A, a.admin, "tokenSoon", "cloud-api", { tokenValidity: calendarDay(ahead(10 * DAY)) });
  await make(A, a.admin, "tokenMeta", "cloud-api", { tokenValidity: calendarDay(ahead(5 * DAY)) });
  await make(B, b.admin, "rejecting", "infobip");
  await make(B, b.admin, "tokenSoon", "cloud-api", { tokenValidity: calendarDay(ahead(3 * DAY)) });

  const ta = a.tenant.id;
  await accepted(ta, A.receiving!, ago(2 * HOUR));
  await accepted(ta, A.rejecting!, ago(30 * MINUTE));
  await rejected(ta, A.rejecting!, ago(20 * MINUTE), "signatureMismatch");
  await rejected(ta, A.rejecting!, ago(10 * MINUTE), "credentialsMismatch", 2);
  await saveConnectionCheck(t.db, { tenantId: ta }, { channelId: A.checkFailed!.id, outcome: "failed", steps: failedStep, checkedByUserId: null });
  await accepted(ta, A.checkFailed!, ago(HOUR));
  await accepted(ta, A.silent!, ago(2 * DAY));
  await accepted(ta, A.oldRejection!, ago(25 * HOUR));
  await rejected(ta, A.oldRejection!, ago(2 * HOUR), "payloadInvalid");
  await accepted(ta, A.tokenSoon!, ago(MINUTE));
  await accepted(ta, A.tokenMeta!, ago(MINUTE));
  await rejected(ta, A.disabled!, ago(5 * MINUTE), "channelDisabled");
  await t.db.update(channels).set({ status: "disabled" }).where(eq(channels.id, A.disabled!.id));
  // Meta's answer wins over the typed date: valid for 40 more days.
  await t.db.insert(channelTokenStatus).values({ tenantId: ta, channelId: A.tokenMeta!.id, isValid: "valid", expiresAt: ahead(40 * DAY) });
  // The seed certificates are pushed out of any horizon, so only these dates count.
  await t.db.update(certificates).set({ notAfter: ahead(400 * DAY) }).where(eq(certificates.tenantId, ta));
  const certificateIds = {
    inside: await certificate(ta, "inside", ahead(30 * DAY - MINUTE)),
    outside: await certificate(ta, "outside", ahead(30 * DAY + MINUTE)),
    expired: await certificate(ta, "expired", ago(DAY)),
  };

  const tb = b.tenant.id;
  await rejected(tb, B.rejecting!, ago(MINUTE), "verifyTokenMismatch");
  await saveConnectionCheck(t.db, { tenantId: tb }, { channelId: B.rejecting!.id, outcome: "failed", steps: failedStep, checkedByUserId: null });
  await certificate(tb, "b_soon", ahead(DAY));
  return { a, b, A, B, certificateIds };
}
