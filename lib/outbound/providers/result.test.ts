import { describe, expect, it } from "vitest";
import { classifyStatus, MAX_RETRY_AFTER_SECONDS, parseRetryAfter, redact } from "./result";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter(["30", "5"], now)).toBe(30);
  });

  it("reads an HTTP-date as the seconds until it, never negative", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });

  it("answers null for nothing or nonsense, and caps a huge wait at a day", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
    expect(parseRetryAfter("1.5", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("999999999", now)).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});

describe("classifyStatus", () => {
  it("reads credentials, not-found, rate limits, 5xx as retryable and other 4xx as permanent", () => {
    expect(classifyStatus({ status: 401 }, null).kind).toBe("unauthorized");
    expect(classifyStatus({ status: 403 }, null).kind).toBe("unauthorized");
    expect(classifyStatus({ status: 404 }, null).kind).toBe("not-found");
    expect(classifyStatus({ status: 429, code: "E429" }, 4)).toEqual({ kind: "rate-limited", retryable: true, retryAfterSeconds: 4, status: 429, code: "E429" });
    expect(classifyStatus({ status: 502 }, null)).toEqual({ kind: "provider-error", retryable: true, status: 502 });
    // A 503's Retry-After is kept, so the send queue waits as long as the provider asked.
    expect(classifyStatus({ status: 503 }, 20)).toEqual({ kind: "provider-error", retryable: true, status: 503, retryAfterSeconds: 20 });
    expect(classifyStatus({ status: 400, code: "E400" }, null)).toEqual({ kind: "provider-error", retryable: false, status: 400, code: "E400" });
  });
});

describe("redact", () => {
  it("cuts every secret out of a provider's text and bounds its length", () => {
    expect(redact("bad key abc123secret here, abc123secret again", ["abc123secret"])).toBe("bad key <redacted> here, <redacted> again");
    expect(redact("x".repeat(2_000), [])).toHaveLength(500);
    expect(redact(undefined, ["s"])).toBeUndefined();
  });
});
