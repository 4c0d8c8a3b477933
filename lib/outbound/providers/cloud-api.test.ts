import { describe, expect, it } from "vitest";
import { metaBody } from "@/testing/fixtures/providers";
import { classifyMetaError } from "./cloud-api";

describe("classifyMetaError (on Meta's code, not the HTTP status)", () => {
  it("reads 190 as unauthorized whether it came as 400 or 401", () => {
    for (const status of [400, 401]) {
      expect(classifyMetaError(status, metaBody("tokenExpired"), null, [])).toMatchObject({ kind: "unauthorized", retryable: false, code: "190" });
    }
  });

  it("reads 100/33 as not-found, and 131047 as outside the window with Meta's details", () => {
    expect(classifyMetaError(400, metaBody("unknownObject"), null, []).kind).toBe("not-found");
    expect(classifyMetaError(400, metaBody("reEngagement"), null, [])).toEqual({
      kind: "outside-window",
      retryable: false,
      status: 400,
      code: "131047",
      message: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    });
  });

  it("reads 130429 as rate-limited even as HTTP 400, keeping the Retry-After seconds", () => {
    expect(classifyMetaError(400, metaBody("throughputExceeded"), 9, [])).toMatchObject({ kind: "rate-limited", retryable: true, retryAfterSeconds: 9 });
  });

  it("reads transient codes and 5xx as retryable, other codes as permanent", () => {
    expect(classifyMetaError(503, metaBody("serviceUnavailable"), null, [])).toMatchObject({ kind: "provider-error", retryable: true, code: "2" });
    expect(classifyMetaError(400, metaBody("recipientNotAllowed"), null, [])).toMatchObject({ kind: "provider-error", retryable: false, code: "131030" });
  });

  it("answers a provider-error, not a crash, for a body that is not Meta's", () => {
    expect(classifyMetaError(400, "<html>", null, [])).toMatchObject({ kind: "provider-error", retryable: false });
    expect(classifyMetaError(502, undefined, null, [])).toEqual({ kind: "provider-error", retryable: true, status: 502 });
    expect(classifyMetaError(429, { error: "x" }, 5, [])).toEqual({ kind: "rate-limited", retryable: true, status: 429, retryAfterSeconds: 5 });
  });

  it("removes the token should Meta ever echo it", () => {
    const body = { error: { message: "Invalid token EAAsecret123", type: "OAuthException", code: 190 } };
    expect(JSON.stringify(classifyMetaError(400, body, null, ["EAAsecret123"]))).not.toContain("EAAsecret123");
  });
});
