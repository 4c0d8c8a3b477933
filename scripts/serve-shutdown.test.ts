import { describe, expect, it } from "vitest";
import { shutdownTimeoutMs } from "@/lib/shutdown/timeout";
import { shutdownTimeout } from "./serve.mjs";

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
