import { describe, expect, it } from "vitest";
import { delayAfterAttempt, retryAfterSeconds, SIGN_IN_POLICY, TOKEN_POLICY } from "./throttle-policy";

describe("delayAfterAttempt", () => {
  it("lets the free attempts through, then doubles from the base delay up to the cap", () => {
    const delays = Array.from({ length: 16 }, (_, i) => delayAfterAttempt(i + 1, SIGN_IN_POLICY));
    expect(delays).toEqual([0, 0, 0, 0, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900, 900]);
  });

  it("starts at one second for the token endpoint, after ten free attempts", () => {
    expect([9, 10, 11, 12, 20, 21].map((n) => delayAfterAttempt(n, TOKEN_POLICY))).toEqual([0, 1, 2, 4, 900, 900]);
  });

  it("stays finite and capped for absurd counts", () => {
    expect(delayAfterAttempt(1_000_000, SIGN_IN_POLICY)).toBe(900);
    expect(delayAfterAttempt(-5, SIGN_IN_POLICY)).toBe(0);
  });

  it("allows one address at most 14 sign-in attempts at one account in its first hour", () => {
    // The per-account ceiling's reasoning (100 an hour needs eight addresses) rests on this.
    let at = 0;
    let attempts = 0;
    while (at < 3600) {
      attempts++;
      at += delayAfterAttempt(attempts, SIGN_IN_POLICY);
    }
    expect(attempts).toBe(14);
    expect(SIGN_IN_POLICY.perSubject!.points / attempts).toBeGreaterThan(7);
  });
});

describe("retryAfterSeconds", () => {
  it("rounds up to whole seconds and never says 0", () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(-3)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(9000)).toBe(9);
  });
});
