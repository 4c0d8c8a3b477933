import { describe, expect, it } from "vitest";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, shutdownTimeoutMs, within } from "./timeout";

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

describe("within", () => {
  it("is true when the work ends (or fails) before the deadline", async () => {
    await expect(within(Promise.resolve(), 1_000)).resolves.toBe(true);
    await expect(within(Promise.reject(new Error("x")), 1_000)).resolves.toBe(true);
  });
  it("is false when the deadline comes first", async () => {
    await expect(within(new Promise(() => {}), 20)).resolves.toBe(false);
  });
});
