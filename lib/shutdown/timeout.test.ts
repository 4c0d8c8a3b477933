import { describe, expect, it } from "vitest";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, drainDelayMs, shutdownTimeoutMs, within } from "./timeout";

describe("shutdownTimeoutMs", () => {
  it("defaults to 25 s when unset or empty", () => {
    expect(shutdownTimeoutMs({})).toBe(DEFAULT_SHUTDOWN_TIMEOUT_MS);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: "" })).toBe(25_000);
  });
  it("takes a whole number of milliseconds", () => {
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: "5000" })).toBe(5_000);
  });
  it.each(["abc", "1.5", "-1", "999", "600001"])("refuses %s in one sentence naming the variable", (raw) => {
    expect(() => shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: raw })).toThrow(/^SHUTDOWN_TIMEOUT_MS must be/);
  });
});

describe("drainDelayMs", () => {
  it("is 0 unless set: the port closes at SIGTERM", () => {
    expect(drainDelayMs({})).toBe(0);
    expect(drainDelayMs({ SHUTDOWN_DRAIN_DELAY_MS: "" })).toBe(0);
  });
  it("takes a delay that ends a second before the shutdown deadline", () => {
    expect(drainDelayMs({ SHUTDOWN_DRAIN_DELAY_MS: "10000" })).toBe(10_000);
    expect(drainDelayMs({ SHUTDOWN_DRAIN_DELAY_MS: "24000" })).toBe(24_000);
    expect(drainDelayMs({ SHUTDOWN_DRAIN_DELAY_MS: "4000", SHUTDOWN_TIMEOUT_MS: "5000" })).toBe(4_000);
  });
  it.each(["abc", "-1", "1.5", "24001"])("refuses %s in one sentence naming the variable and its ceiling", (raw) => {
    expect(() => drainDelayMs({ SHUTDOWN_DRAIN_DELAY_MS: raw })).toThrow(/^SHUTDOWN_DRAIN_DELAY_MS must be .* from 0 to 24000/);
  });
  it("refuses a delay as long as the shutdown deadline", () => {
    expect(() => drainDelayMs({ SHUTDOWN_DRAIN_DELAY_MS: "5000", SHUTDOWN_TIMEOUT_MS: "5000" })).toThrow(/from 0 to 4000/);
  });
});

describe("within", () => {
  it("is true when the work ends (or fails) before the deadline", async () => {
    await expect(within(Promise.resolve(), 1_000)).resolves.toBe(true);
    await expect(within(Promise.reject(new Error("x")), 1_000)).resolves.toBe(true);
  });
  it("is false when the deadline comes first", async () => {
    await expect(within(new Promise(() => {}), 20)).resolves.toBe(false);
  });
});
