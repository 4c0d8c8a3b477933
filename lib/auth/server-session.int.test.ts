import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuthSession } from "@/db/queries/auth-sessions";
import { authSessions, users } from "@/db/schema";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { endServerSession, PRUNE_BATCH, resolveSessionUser, startServerSession } from "./server-session";

/*
 * What getCurrentUser decides from a decoded session cookie, against the real auth_sessions table:
 * only a live row of the same user authenticates, so a signed-out cookie is worth nothing.
 */

let t: TestDatabase;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTestTenant(t.db);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const claims = (userId: string, sessionId: string, sessionVersion = 0) => ({ user: { id: userId }, sessionId, sessionVersion });
const rowExists = async (id: string) => (await t.db.select().from(authSessions).where(eq(authSessions.id, id))).length === 1;

describe("a session cookie authenticates", () => {
  it("while its row exists, as the user the database knows", async () => {
    const sid = await startServerSession(t.db, tenant.support.id);
    expect(await resolveSessionUser(t.db, claims(tenant.support.id, sid))).toEqual(tenant.support);
  });

  it("no more once its row is deleted (signed out), though the cookie itself is intact", async () => {
    const sid = await startServerSession(t.db, tenant.support.id);
    await endServerSession(t.db, { sub: tenant.support.id, sid });
    expect(await rowExists(sid)).toBe(false);
    expect(await resolveSessionUser(t.db, claims(tenant.support.id, sid))).toBeNull();
  });

  it("no more once its row has expired", async () => {
    const sid = await insertAuthSession(t.db, { userId: tenant.support.id, lifetimeSeconds: 60 });
    await t.db.update(authSessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(authSessions.id, sid));
    expect(await resolveSessionUser(t.db, claims(tenant.support.id, sid))).toBeNull();
  });

  it("not with another user's session id", async () => {
    const sid = await startServerSession(t.db, tenant.admin.id);
    expect(await resolveSessionUser(t.db, claims(tenant.support.id, sid))).toBeNull();
  });

  it("not without a session id (a cookie from before server-side sessions)", async () => {
    expect(await resolveSessionUser(t.db, { user: { id: tenant.support.id }, sessionVersion: 0 })).toBeNull();
    expect(await resolveSessionUser(t.db, { user: { id: tenant.support.id }, sessionId: "not-a-uuid", sessionVersion: 0 })).toBeNull();
    expect(await resolveSessionUser(t.db, null)).toBeNull();
  });

  it("not after a password reset or disable (session version), nor while disabled", async () => {
    const sid = await startServerSession(t.db, tenant.admin.id);
    expect(await resolveSessionUser(t.db, claims(tenant.admin.id, sid, 1))).toBeNull();
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, tenant.admin.id));
    expect(await resolveSessionUser(t.db, claims(tenant.admin.id, sid))).toBeNull();
  });
});

describe("session rows", () => {
  it("end SESSION_MAX_AGE_SECONDS (8 hours) after sign-in", async () => {
    const sid = await startServerSession(t.db, tenant.support.id);
    const [row] = await t.db
      .select({ seconds: sql<number>`extract(epoch from ${authSessions.expiresAt} - ${authSessions.createdAt})::int` })
      .from(authSessions)
      .where(eq(authSessions.id, sid));
    expect(row!.seconds).toBe(8 * 60 * 60);
  });

  it("expired ones are pruned at sign-in, a bounded batch at a time", async () => {
    const count = async () => (await t.db.select().from(authSessions).where(sql`${authSessions.expiresAt} < now()`)).length;
    const left = await count(); // by the tests above
    const expired = Array.from({ length: PRUNE_BATCH + 5 }, () => ({ userId: tenant.support.id, expiresAt: sql`now() - interval '1 minute'` }));
    await t.db.insert(authSessions).values(expired);
    const live = await startServerSession(t.db, tenant.support.id);
    expect(await count()).toBe(left + 5);
    await startServerSession(t.db, tenant.support.id);
    expect(await count()).toBe(0);
    expect(await rowExists(live)).toBe(true);
  });

  it("sign-out with a cookie that names no row, or garbage, changes nothing", async () => {
    const sid = await startServerSession(t.db, tenant.support.id);
    await endServerSession(t.db, { sid: "00000000-0000-4000-8000-000000000000" });
    await endServerSession(t.db, { sid: 42 });
    await endServerSession(t.db, null);
    expect(await rowExists(sid)).toBe(true);
  });
});
