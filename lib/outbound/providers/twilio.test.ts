import { describe, expect, it } from "vitest";
import { twilioBody } from "@/testing/fixtures/providers";
import { classifyTwilioError } from "./twilio";

describe("classifyTwilioError", () => {
  it("reads Twilio's bodies with their codes", () => {
    expect(classifyTwilioError(401, twilioBody("authenticate"), null, [])).toEqual({ kind: "unauthorized", retryable: false, status: 401, code: "20003", message: "Authenticate" });
    expect(classifyTwilioError(404, twilioBody("notFound"), null, []).kind).toBe("not-found");
    expect(classifyTwilioError(429, twilioBody("tooManyRequests"), 2, [])).toMatchObject({ kind: "rate-limited", retryable: true, retryAfterSeconds: 2, code: "20429" });
    expect(classifyTwilioError(500, twilioBody("serviceUnavailable"), null, [])).toMatchObject({ kind: "provider-error", retryable: true });
    expect(classifyTwilioError(400, twilioBody("invalidTo"), null, [])).toMatchObject({ kind: "provider-error", retryable: false, code: "21211" });
  });

  it("gives 63016 (outside the 24-hour window) its own kind", () => {
    expect(classifyTwilioError(400, { code: 63016, message: "Failed to send freeform message because you are outside the allowed window.", status: 400 }, null, []).kind).toBe("outside-window");
  });

  it("answers a provider-error for a body that is not Twilio's", () => {
    expect(classifyTwilioError(400, "oops", null, [])).toMatchObject({ kind: "provider-error", retryable: false });
    expect(classifyTwilioError(503, "oops", null, [])).toMatchObject({ kind: "provider-error", retryable: true });
  });
});
