import { describe, expect, it } from "vitest";
import { backoffMs, decideAfterFailure } from "./policy";
import { sendRates } from "./rate-limits";

const none = () => 0;

describe("decideAfterFailure", () => {
  it("waits exactly the provider's Retry-After on 429", () => {
    expect(decideAfterFailure({ kind: "rate-limited", retryable: true, status: 429, retryAfterSeconds: 17, code: "130429" }, { attempt: 1, idempotent: false, random: none })).toEqual({
      action: "retry",
      delayMs: 17_000,
      code: "130429",
      message: undefined,
    });
  });

  it("honours a 503's Retry-After too, and backs off exponentially without one", () => {
    expect(decideAfterFailure({ kind: "provider-error", retryable: true, status: 503, retryAfterSeconds: 5 }, { attempt: 3, idempotent: false, random: none })).toMatchObject({ action: "retry", delayMs: 5_000 });
    expect(decideAfterFailure({ kind: "provider-error", retryable: true, status: 502 }, { attempt: 3, idempotent: false, random: none })).toMatchObject({ action: "retry", delayMs: 8_000, code: "HTTP 502" });
  });

  it("fails permanent errors at once with the provider's code and words", () => {
    expect(decideAfterFailure({ kind: "outside-window", retryable: false, status: 400, code: "131047", message: "Re-engagement message" }, { attempt: 1, idempotent: false })).toEqual({
      action: "fail",
      code: "131047",
      message: "Re-engagement message",
      kind: "outside-window",
    });
  });

  it("never repeats a send that got no answer unless the provider is idempotent", () => {
    expect(decideAfterFailure({ kind: "connect", retryable: true }, { attempt: 1, idempotent: false })).toMatchObject({ action: "fail", code: "outcome-unknown" });
    expect(decideAfterFailure({ kind: "connect", retryable: true }, { attempt: 1, idempotent: true, random: none })).toMatchObject({ action: "retry", delayMs: 2_000 });
  });

  it("gives up after the last attempt with the last code", () => {
    expect(decideAfterFailure({ kind: "rate-limited", retryable: true, status: 429, retryAfterSeconds: 1, code: "20429" }, { attempt: 8, maxAttempts: 8, idempotent: false })).toMatchObject({ action: "fail", code: "20429" });
  });
});

describe("backoffMs", () => {
  it("doubles from 2 s, capped at 5 minutes, with at most 20 % jitter", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, none))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffMs(20, none)).toBe(300_000);
    expect(backoffMs(1, () => 1)).toBe(2_400);
  });
});

describe("sendRates", () => {
  it("defaults from each provider's documented limit, overridable, 0 for none", () => {
    expect(sendRates({})).toEqual({ "cloud-api": 80, twilio: 10, telegram: 30, infobip: 80, bsp: 80 });
    expect(sendRates({ OUTBOUND_SEND_RATE_TWILIO: "50", OUTBOUND_SEND_RATE_TELEGRAM: "0" })).toMatchObject({ twilio: 50, telegram: 0 });
  });

  it("refuses a value that is not a whole number, naming the variable", () => {
    expect(() => sendRates({ OUTBOUND_SEND_RATE_CLOUD_API: "8.5" })).toThrow(/OUTBOUND_SEND_RATE_CLOUD_API/);
    expect(() => sendRates({ OUTBOUND_SEND_RATE_CLOUD_API: "-1" })).toThrow(/OUTBOUND_SEND_RATE_CLOUD_API/);
  });
});
