import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { OutboundLimitError } from "./errors";
import { OutboundLimiter, outboundLimitPolicy } from "./limits";

const limiter = (callsPerMinute: number, concurrentCalls: number) =>
  new OutboundLimiter(new RateLimiterMemory({ points: callsPerMinute, duration: 60 }), concurrentCalls);

async function refusal(run: () => Promise<unknown>): Promise<OutboundLimitError> {
  const error = await run().then(
    () => expect.unreachable("expected a limit refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundLimitError);
  return error as OutboundLimitError;
}

describe("OutboundLimiter", () => {
  it("refuses a tenant's call past its budget per minute, saying when to try again; other tenants are unaffected", async () => {
    const limits = limiter(2, 10);
    const soon = Date.now() + 1_000;
    (await limits.acquire("a", soon))();
    (await limits.acquire("a", soon))();
    const error = await refusal(() => limits.acquire("a", soon));
    expect(error.retryAfterSeconds).toBeGreaterThan(55);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.message).toBe(`too many outbound calls for this tenant; try again in ${error.retryAfterSeconds} s`);
    expect(error).toMatchObject({ kind: "rateLimited", code: "outboundTooManyCalls", values: { seconds: error.retryAfterSeconds }, status: 429 });
    expect(limits.openCalls("a")).toBe(0);
    (await limits.acquire("b", soon))();
  });

  it("refuses a call past the tenant's open calls until one is released, without spending its budget", async () => {
    const limits = limiter(3, 2);
    const deadline = Date.now() + 4_500;
    const first = await limits.acquire("a", deadline);
    await limits.acquire("a", deadline + 1_000);
    expect((await refusal(() => limits.acquire("a", deadline))).retryAfterSeconds).toBe(5);
    const other = await limits.acquire("b", deadline);
    first();
    first(); // a second release frees nothing more
    expect(limits.openCalls("a")).toBe(1);
    await limits.acquire("a", deadline);
    // Three calls spent of three: the refused one did not count.
    expect(limits.openCalls("a")).toBe(2);
    other();
    expect(limits.openCalls("b")).toBe(0);
  });
});

describe("outboundLimitPolicy", () => {
  it("reads OUTBOUND_CALLS_PER_MINUTE and OUTBOUND_CONCURRENT_CALLS, with defaults", () => {
    expect(outboundLimitPolicy({})).toEqual({ callsPerMinute: 300, concurrentCalls: 10 });
    expect(outboundLimitPolicy({ OUTBOUND_CALLS_PER_MINUTE: "20", OUTBOUND_CONCURRENT_CALLS: " 2 " })).toEqual({ callsPerMinute: 20, concurrentCalls: 2 });
    expect(() => outboundLimitPolicy({ OUTBOUND_CALLS_PER_MINUTE: "0" })).toThrow(/OUTBOUND_CALLS_PER_MINUTE/);
    expect(() => outboundLimitPolicy({ OUTBOUND_CONCURRENT_CALLS: "1.5" })).toThrow(/OUTBOUND_CONCURRENT_CALLS/);
  });
});
