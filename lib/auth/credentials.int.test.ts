import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSignInFailure } from "@/db/queries/sign-in-failures";
import { setUserDisabled } from "@/db/queries/users";
import { createTestTenant, TEST_PASSWORD, uniqueSuffix } from "@/db/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { authenticateWithPassword, emailKey, SIGN_IN_THROTTLE } from "./credentials";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

describe("authenticateWithPassword", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const { admin } = await createTestTenant(t.db);
    const outcome = await authenticateWithPassword(t.db, { email: admin.email.toUpperCase(), password: TEST_PASSWORD });
    expect(outcome).toEqual({ ok: true, userId: admin.id, sessionVersion: 0 });
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const { admin } = await createTestTenant(t.db);
    const wrong = await authenticateWithPassword(t.db, { email: admin.email, password: "not the password" });
    const unknown = await authenticateWithPassword(t.db, { email: `nobody-${uniqueSuffix()}@example.com`, password: TEST_PASSWORD });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks an email after five failures in the window, even with the right password", async () => {
    const { support } = await createTestTenant(t.db);
    const now = new Date();
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailures - 1; i++) {
      expect(await authenticateWithPassword(t.db, { email: support.email, password: "guess" }, at(now, i))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const fifth = await authenticateWithPassword(t.db, { email: support.email, password: "guess" }, at(now, 4));
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });

    const whileLocked = await authenticateWithPassword(t.db, { email: support.email, password: TEST_PASSWORD }, at(now, 10));
    expect(whileLocked).toMatchObject({ ok: false, reason: "locked" });
    expect(whileLocked.ok === false && whileLocked.reason === "locked" && whileLocked.retryAfterSeconds).toBeGreaterThan(0);

    const afterLock = await authenticateWithPassword(t.db, { email: support.email, password: TEST_PASSWORD }, at(now, 20));
    expect(afterLock).toEqual({ ok: true, userId: support.id, sessionVersion: 0 });
    expect(await getSignInFailure(t.db, emailKey(support.email))).toBeNull();
  });

  it("locks unknown emails the same way, so the lockout reveals nothing", async () => {
    const email = `ghost-${uniqueSuffix()}@example.com`;
    const now = new Date();
    let last;
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailures; i++) {
      last = await authenticateWithPassword(t.db, { email, password: "guess" }, at(now, i));
    }
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("starts a new window when failures are spread out", async () => {
    const { admin } = await createTestTenant(t.db);
    const now = new Date();
    for (let i = 0; i < 8; i++) {
      // One failure every 5 minutes: a window runs 15 minutes from its first failure, so the
      // count restarts at minutes 15 and 30 and never reaches five.
      const outcome = await authenticateWithPassword(t.db, { email: admin.email, password: "guess" }, at(now, i * 5));
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("counts concurrent failures atomically (no lost updates)", async () => {
    const { admin } = await createTestTenant(t.db);
    const now = new Date();
    // A high limit keeps the lock out of the way: every one of the 8 attempts must be counted.
    const policy = { ...SIGN_IN_THROTTLE, maxFailures: 100 };
    await Promise.all(
      Array.from({ length: 8 }, () => authenticateWithPassword(t.db, { email: admin.email, password: "guess" }, now, policy)),
    );
    expect((await getSignInFailure(t.db, emailKey(admin.email)))?.failures).toBe(8);
  });

  it("locks at the limit even when the failures arrive together", async () => {
    const { admin } = await createTestTenant(t.db);
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => authenticateWithPassword(t.db, { email: admin.email, password: "guess" }, now)),
    );
    const row = await getSignInFailure(t.db, emailKey(admin.email));
    expect(row?.lockedUntil?.getTime()).toBe(now.getTime() + SIGN_IN_THROTTLE.lockMs);
    expect(outcomes.some((o) => !o.ok && o.reason === "locked")).toBe(true);
  });

  it("reports a disabled account only to someone who knows its password", async () => {
    const { support } = await createTestTenant(t.db);
    await setUserDisabled(t.db, support.id, true);
    expect(await authenticateWithPassword(t.db, { email: support.email, password: "guess" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticateWithPassword(t.db, { email: support.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "disabled",
    });
  });

  it("stores only a hash of the email in the throttle table", async () => {
    const email = `hashed-${uniqueSuffix()}@example.com`;
    await authenticateWithPassword(t.db, { email, password: "guess" });
    const { rows } = await t.pool.query("select email_key from sign_in_failures");
    expect(rows.map((r) => r.email_key)).toContain(emailKey(email));
    expect(JSON.stringify(rows)).not.toContain(email);
  });
});
