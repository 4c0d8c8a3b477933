import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestTenant, TEST_PASSWORD, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { countingPasswordHasher } from "@/testing/counting-password-hasher";
import { authenticateWithPassword, emailKey, type SignInDeps } from "./credentials";
import { createThrottle, forgetSubject } from "./throttle";
import { SIGN_IN_POLICY, type ThrottlePolicy } from "./throttle-policy";

/*
 * Hostile sign-ins against the real PostgreSQL-backed throttle. Each of these passed through the
 * old hand-written throttle (sign_in_failures): it counted after argon2, locked the email for
 * everyone, had no per-address limit and never deleted a row.
 */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
// The clock stands still (for the library too), so no delay runs out on a slow machine mid-test.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2031-01-01T00:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

let nextAddress = 1;
const address = () => `203.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
const signIn = (email: string, password: string, from: string, deps?: SignInDeps) =>
  authenticateWithPassword(t.db, { email, password, address: from }, deps);
const keys = async (like: string) => (await t.pool.query("select key from rate_limits where key like $1", [like])).rows.map((r) => r.key as string);
const policy = (overrides: Partial<ThrottlePolicy>): ThrottlePolicy => ({ ...SIGN_IN_POLICY, name: `test-${uniqueSuffix()}`, ...overrides });

describe("the sign-in throttle", () => {
  it("lets only the allowance of 20 parallel guesses from one address reach argon2", async () => {
    const { admin } = await createTestTenant(t.db);
    const { hasher, counts } = countingPasswordHasher();
    const from = address();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => signIn(admin.email, "guess", from, { passwords: hasher })));

    expect(counts.verifications).toBe(SIGN_IN_POLICY.freeAttempts);
    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(SIGN_IN_POLICY.freeAttempts);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled")).toHaveLength(20 - SIGN_IN_POLICY.freeAttempts);
  });

  it("does not stop the owner at another address after a stranger's 50 failures", async () => {
    const { admin } = await createTestTenant(t.db);
    const { hasher, counts } = countingPasswordHasher();
    const stranger = address();
    for (let i = 0; i < 50; i++) await signIn(admin.email, `guess-${i}`, stranger, { passwords: hasher });
    expect(counts.verifications).toBe(SIGN_IN_POLICY.freeAttempts);
    expect(await signIn(admin.email, TEST_PASSWORD, stranger)).toMatchObject({ reason: "throttled" });

    // The owner has never signed in from this address: no exemption, just an untouched counter.
    expect(await signIn(admin.email, TEST_PASSWORD, address())).toEqual({ ok: true, userId: admin.id, sessionVersion: 0 });
  });

  it("caps failures per address across emails, so unknown emails cannot be tried endlessly", async () => {
    const { admin, support } = await createTestTenant(t.db);
    const spraying = address();
    // The support user signed in from there before: a known pair is not held back by the cap.
    expect((await signIn(support.email, TEST_PASSWORD, spraying)).ok).toBe(true);
    const { hasher, counts } = countingPasswordHasher();
    for (let i = 0; i < SIGN_IN_POLICY.perAddress.points; i++) {
      expect(await signIn(`ghost-${uniqueSuffix()}@example.com`, "guess", spraying, { passwords: hasher })).toEqual({ ok: false, reason: "invalid" });
    }
    const refusedEmail = `ghost-${uniqueSuffix()}@example.com`;
    const next = await signIn(refusedEmail, "guess", spraying, { passwords: hasher });
    expect(next).toMatchObject({ ok: false, reason: "throttled" });
    expect(next.ok === false && next.reason === "throttled" && next.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(counts.verifications).toBe(SIGN_IN_POLICY.perAddress.points);
    // Refused before anything is written: no row for the refused email.
    expect(await keys(`%${emailKey(refusedEmail)}%`)).toEqual([]);

    expect(await signIn(admin.email, TEST_PASSWORD, spraying)).toMatchObject({ reason: "throttled" });
    expect((await signIn(support.email, TEST_PASSWORD, spraying)).ok).toBe(true);
    expect((await signIn(admin.email, TEST_PASSWORD, address())).ok).toBe(true);
  });

  it("brakes guessing from many addresses at the account ceiling, without shutting out the owner's known address", async () => {
    const { admin } = await createTestTenant(t.db);
    const tight = { throttle: createThrottle(t.pool, policy({ perSubject: { points: 8, durationSeconds: 3600 } })) };
    const home = address();
    expect((await signIn(admin.email, TEST_PASSWORD, home, tight)).ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      const from = address();
      await signIn(admin.email, "guess", from, tight);
      await signIn(admin.email, "guess", from, tight);
    }
    expect(await signIn(admin.email, TEST_PASSWORD, address(), tight)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn(admin.email, TEST_PASSWORD, home, tight)).toEqual({ ok: true, userId: admin.id, sessionVersion: 0 });
  });

  it("forgets a subject's counters from every address when an administrator vouches for it", async () => {
    const { admin, support } = await createTestTenant(t.db);
    const [a, b] = [address(), address()];
    for (const from of [a, b]) for (let i = 0; i < 6; i++) await signIn(admin.email, "guess", from);
    await signIn(support.email, "guess", a);
    expect(await signIn(admin.email, TEST_PASSWORD, a)).toMatchObject({ reason: "throttled" });

    await forgetSubject(t.db, SIGN_IN_POLICY, emailKey(admin.email));
    expect(await keys(`sign-in:%${emailKey(admin.email)}%`)).toEqual([]);
    expect(await keys(`sign-in:pair:${emailKey(support.email)}:%`)).toHaveLength(1);
    expect((await signIn(admin.email, TEST_PASSWORD, a)).ok).toBe(true);
  });

  it("prunes counters an hour after they expire, so invented emails leave nothing behind", async () => {
    const start = new Date("2031-02-03T04:05:06Z").getTime();
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"], now: start });
    const pruned = policy({});
    const deps = { throttle: createThrottle(t.pool, pruned) };
    const from = address();
    for (let i = 0; i < 3; i++) await signIn(`invented-${uniqueSuffix()}@example.com`, "guess", from, deps);
    expect((await keys(`${pruned.name}:%`)).length).toBeGreaterThanOrEqual(4);

    // The longest-lived of these counters is the pair's day; the library prunes every 5 minutes.
    vi.setSystemTime(start + (SIGN_IN_POLICY.pairMemorySeconds + 3600) * 1000);
    await vi.advanceTimersByTimeAsync(5 * 60_000 + 1);
    await vi.waitFor(async () => expect(await keys(`${pruned.name}:%`)).toEqual([]));
  });
});
