import { describe, expect, it } from "vitest";
import { metaGraphBaseUrl, twilioApiBaseUrl } from "./bases";

describe("provider bases", () => {
  it("default to the providers' public addresses", () => {
    expect(twilioApiBaseUrl({})).toBe("https://api.twilio.com");
    expect(metaGraphBaseUrl({})).toBe("https://graph.facebook.com/v21.0");
  });

  it("take the environment, without a trailing slash, https only", () => {
    expect(twilioApiBaseUrl({ TWILIO_API_BASE_URL: "https://127.0.0.1:9443/" })).toBe("https://127.0.0.1:9443");
    expect(metaGraphBaseUrl({ META_GRAPH_BASE_URL: " https://proxy.example/v22.0 " })).toBe("https://proxy.example/v22.0");
    expect(() => twilioApiBaseUrl({ TWILIO_API_BASE_URL: "http://api.twilio.com" })).toThrow(/https/);
    expect(() => metaGraphBaseUrl({ META_GRAPH_BASE_URL: "not a url" })).toThrow(/not a URL/);
  });
});
