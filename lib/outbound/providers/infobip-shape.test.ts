import { describe, expect, it } from "vitest";
import type { OutboundResponse } from "@/lib/outbound/request";
import { infobipBody } from "@/testing/fixtures/providers";
import { infobipErrorOf, infobipNumber, readSendersQuality, readSentText } from "./infobip-shape";

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): OutboundResponse => ({
  status,
  headers,
  body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
});

describe("Infobip's answers", () => {
  it("reads both error shapes", () => {
    expect(infobipErrorOf(infobipBody("unauthorized"))).toEqual({ code: "UNAUTHORIZED", message: "Invalid login details" });
    expect(infobipErrorOf(infobipBody("badRequest"))).toEqual({ code: "E400", message: "Request cannot be processed." });
    expect(infobipErrorOf({ something: "else" })).toEqual({});
  });

  it("finds the sender in the quality list, and calls an empty list a wrong sender", () => {
    expect(readSendersQuality(answer(200, infobipBody("sendersQuality")), "441134960000", [])).toMatchObject({ ok: true, value: { qualityRating: "HIGH" } });
    expect(readSendersQuality(answer(200, infobipBody("sendersQualityEmpty")), "441134960000", [])).toMatchObject({ ok: false, failure: { kind: "not-found" } });
  });

  it("reads the message id, and a malformed answer as a provider-error", () => {
    expect(readSentText(answer(200, infobipBody("sendAccepted")), [])).toEqual({ ok: true, value: { messageId: "a28dd97c-1ffb-4fcf-99f1-0b557ed381da", status: "PENDING" } });
    expect(readSentText(answer(200, "<html>"), [])).toMatchObject({ ok: false, failure: { kind: "provider-error", retryable: false } });
    expect(readSentText(answer(200, { messageId: 5 }), [])).toMatchObject({ ok: false, failure: { kind: "provider-error" } });
  });

  it("classifies 429 with Retry-After and keeps the code", () => {
    expect(readSentText(answer(429, infobipBody("tooManyRequests"), { "retry-after": "11" }), [])).toMatchObject({
      ok: false,
      failure: { kind: "rate-limited", retryAfterSeconds: 11, code: "E429" },
    });
  });

  it("writes numbers as Infobip does", () => {
    expect(infobipNumber("+44 1134-960000")).toBe("441134960000");
  });
});
