import { describe, expect, it } from "vitest";
import { drainDelayMs, shutdownTimeoutMs } from "@/lib/shutdown/timeout";
import { drainDelay, shutdownTimeout } from "./serve.mjs";

describe("serve.mjs shutdownTimeout", () => {
  it("agrees with lib/shutdown/timeout.ts on every valid value", () => {
    for (const raw of [undefined, "", "1000", "5000", "25000", "600000"]) {
      expect(shutdownTimeout({ SHUTDOWN_TIMEOUT_MS: raw })).toBe(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT_MS: raw }));
    }
  });
  it("falls back to the default where start.ts would have refused the value", () => {
    expect(shutdownTimeout({ SHUTDOWN_TIMEOUT_MS: "soon" })).toBe(25_000);
    expect(shutdownTimeout({ SHUTDOWN_TIMEOUT_MS: "10" })).toBe(25_000);
  });
});

describe("serve.mjs drainDelay", () => {
  it("agrees with lib/shutdown/timeout.ts on every valid value", () => {
    for (const [delay, timeout] of [[undefined, undefined], ["", ""], ["0", undefined], ["3000", undefined], ["24000", undefined], ["4000", "5000"]] as const) {
      const env = { SHUTDOWN_DRAIN_DELAY_MS: delay, SHUTDOWN_TIMEOUT_MS: timeout };
      expect(drainDelay(env)).toBe(drainDelayMs(env));
    }
  });
  it("falls back to no delay where start.ts would have refused the value", () => {
    expect(drainDelay({ SHUTDOWN_DRAIN_DELAY_MS: "later" })).toBe(0);
    expect(drainDelay({ SHUTDOWN_DRAIN_DELAY_MS: "5000", SHUTDOWN_TIMEOUT_MS: "5000" })).toBe(0);
  });
});
