import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setUserDisabled } from "@/db/queries/users";
import { createTestTenant, TEST_PASSWORD, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { countingPasswordHasher } from "@/testing/counting-password-hasher";
import { authenticateWithPassword, emailKey } from "./credentials";
import { createPasswordHasher } from "./password";
import { SIGN_IN_POLICY } from "./throttle-policy";
import { createWorkSlots } from "./work-slots";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

let nextAddress = 1;
/** A fresh client address per use, so tests never share a counter by accident. */
const address = () => `198.51.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
const signIn = (email: string, password: string, from: string, deps?: Parameters<typeof authenticateWithPassword>[2]) =>
  authenticateWithPassword(t.db, { email, password, address: from }, deps);
const rows = async (like: string) => (await t.pool.query("select key, points, expire from rate_limits where key like $1", [like])).rows;

describe("authenticateWithPassword", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const { admin } = await createTestTenant(t.db);
    expect(await signIn(admin.email.toUpperCase(), TEST_PASSWORD, address())).toEqual({ ok: true, userId: admin.id, sessionVersion: 0 });
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const { admin } = await createTestTenant(t.db);
    const from = address();
    const wrong = await signIn(admin.email, "not the password", from);
    const unknown = await signIn(`nobody-${uniqueSuffix()}@example.com`, TEST_PASSWORD, from);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("reports a disabled account only to someone who knows its password", async () => {
    const { support } = await createTestTenant(t.db);
    await setUserDisabled(t.db, support.id, true);
    const from = address();
    expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(support.email, TEST_PASSWORD, from)).toEqual({ ok: false, reason: "disabled" });
  });

  it("delays an address after five failures, doubling, and a success forgets it all", async () => {
    const { support } = await createTestTenant(t.db);
    const from = address();
    const start = new Date("2030-06-01T08:00:00Z").getTime();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const at = (seconds: number) => vi.setSystemTime(start + seconds * 1000);

    for (let i = 0; i < SIGN_IN_POLICY.freeAttempts; i++) expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "invalid" });
    // Even the right password waits: the delay protects the account, whoever asks.
    expect(await signIn(support.email, TEST_PASSWORD, from)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 10 });
    at(4);
    expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 6 });
    at(10);
    expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 20 });
    at(30);
    expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(support.email, TEST_PASSWORD, from)).toMatchObject({ reason: "throttled", retryAfterSeconds: 40 });

    at(70);
    expect(await signIn(support.email, TEST_PASSWORD, from)).toEqual({ ok: true, userId: support.id, sessionVersion: 0 });
    expect(await rows(`sign-in:pair:${emailKey(support.email)}:%`)).toEqual([]);
    expect(await rows(`sign-in:gate:${emailKey(support.email)}:%`)).toEqual([]);
    expect(await signIn(support.email, "guess", from)).toEqual({ ok: false, reason: "invalid" });
  });

  it("keeps no email in the counters, only its hash", async () => {
    const email = `hashed-${uniqueSuffix()}@example.com`;
    await signIn(email, "guess", address());
    const keys = (await rows("sign-in:%")).map((row) => row.key as string);
    expect(keys.some((key) => key.includes(emailKey(email)))).toBe(true);
    expect(JSON.stringify(keys)).not.toContain(email);
  });
});

describe("password hashing under load", () => {
  it("runs at most the slots' worth of argon2 at once and tells the rest to retry, uncounted", async () => {
    const { admin } = await createTestTenant(t.db);
    const slots = createWorkSlots({ size: 1, queue: 1 });
    const { hasher, counts } = countingPasswordHasher(createPasswordHasher(slots));
    // Another sign-in's argon2 holds the only slot.
    let release!: () => void;
    const holding = slots.run(() => new Promise<void>((resolve) => (release = resolve)));

    const from = Array.from({ length: 10 }, () => address());
    const settled: unknown[] = [];
    const attempts = from.map((client) => signIn(admin.email, "guess", client, { passwords: hasher }).then((o) => (settled.push(o), o)));
    // One attempt takes the one queue place; every other one is answered at once.
    await vi.waitFor(() => expect(settled).toHaveLength(9));
    expect(slots.waiting).toBe(1);
    release();
    await holding;
    const outcomes = await Promise.all(attempts);

    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(1);
    expect(settled.slice(0, 9)).toEqual(Array(9).fill({ ok: false, reason: "throttled", retryAfterSeconds: 1 }));
    expect(counts.verifications).toBe(1);
    // A refused attempt was never checked, so it left no failure behind.
    const pairs = await rows(`sign-in:pair:${emailKey(admin.email)}:%`);
    expect(pairs.map((row) => row.points).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
