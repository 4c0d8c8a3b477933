import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { createPasswordHasher, hashingConcurrency, PasswordHashingBusyError, UNKNOWN_ACCOUNT_HASH } from "./password";
import { createWorkSlots } from "./work-slots";

describe("hashingConcurrency", () => {
  it("defaults to the CPUs, at most libuv's four threads", () => {
    expect(hashingConcurrency({})).toBe(Math.min(4, availableParallelism()));
    expect(hashingConcurrency({ PASSWORD_HASH_CONCURRENCY: " 6 " })).toBe(6);
  });

  it.each([["0"], ["-1"], ["2.5"], ["many"], ["65"]])("refuses PASSWORD_HASH_CONCURRENCY=%j", (value) => {
    expect(() => hashingConcurrency({ PASSWORD_HASH_CONCURRENCY: value })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });
});

describe("createPasswordHasher", () => {
  it("verifies argon2id hashes and reads a malformed stored hash as a wrong password", async () => {
    const hasher = createPasswordHasher(createWorkSlots({ size: 2, queue: 2 }));
    const stored = await hasher.hash("a password");
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(stored, "a password")).toBe(true);
    expect(await hasher.verify(stored, "another")).toBe(false);
    expect(await hasher.verify("not a hash", "a password")).toBe(false);
  });

  it("burns an unknown email's check on a hash made with the same parameters as real ones", async () => {
    const hasher = createPasswordHasher(createWorkSlots({ size: 1, queue: 1 }));
    const real = await hasher.hash("anything");
    const parameters = (hash: string) => hash.split("$").slice(1, 4).join("$");
    expect(parameters(UNKNOWN_ACCOUNT_HASH)).toBe(parameters(real));
    await expect(hasher.burn("a guess")).resolves.toBeUndefined();
  });

  it("refuses a check when the queue is full, but lets setting a password wait", async () => {
    const slots = createWorkSlots({ size: 1, queue: 0 });
    const hasher = createPasswordHasher(slots);
    let release!: () => void;
    const holding = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(hasher.verify("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA", "x")).rejects.toBeInstanceOf(PasswordHashingBusyError);
    await expect(hasher.burn("x")).rejects.toBeInstanceOf(PasswordHashingBusyError);
    const waiting = hasher.hash("set by an administrator");
    release();
    await holding;
    expect(await waiting).toMatch(/^\$argon2id\$/);
  });
});
