import { describe, expect, it } from "vitest";
import { createRejectionLimiter } from "./rejection-limiter";

describe("createRejectionLimiter", () => {
  it("logs the first rejection, suppresses repeats within the window, and reports them on the next logged one", () => {
    const limiter = createRejectionLimiter({ windowMs: 1_000, maxKeys: 10 });
    expect(limiter.admit("c1:message:signatureMismatch", 0)).toEqual({ log: true, suppressed: 0 });
    for (let t = 1; t < 1_000; t += 100) expect(limiter.admit("c1:message:signatureMismatch", t).log).toBe(false);
    expect(limiter.admit("c1:message:signatureMismatch", 1_000)).toEqual({ log: true, suppressed: 10 });
    expect(limiter.admit("c1:message:signatureMismatch", 2_500)).toEqual({ log: true, suppressed: 0 });
  });

  it("limits each channel, URL and reason separately", () => {
    const limiter = createRejectionLimiter({ windowMs: 1_000, maxKeys: 10 });
    expect(limiter.admit("c1:message:signatureMismatch", 0).log).toBe(true);
    expect(limiter.admit("c1:message:payloadInvalid", 1).log).toBe(true);
    expect(limiter.admit("c2:message:signatureMismatch", 2).log).toBe(true);
    expect(limiter.admit("c1:report:signatureMismatch", 3).log).toBe(true);
    expect(limiter.admit("c1:message:signatureMismatch", 4).log).toBe(false);
  });

  it("remembers at most maxKeys keys, forgetting the stalest", () => {
    const limiter = createRejectionLimiter({ windowMs: 1_000, maxKeys: 2 });
    limiter.admit("a", 0);
    limiter.admit("b", 1);
    limiter.admit("c", 2); // forgets "a"
    expect(limiter.admit("a", 3).log).toBe(true);
    expect(limiter.admit("c", 4).log).toBe(false);
  });
});
