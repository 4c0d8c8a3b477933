import { describe, expect, it } from "vitest";
import { allowedMethods, matchWebhookPath, webhookAction } from "./routes";

describe("matchWebhookPath", () => {
  it("reads the provider, key and endpoint of every URL shape the integration step shows", () => {
    expect(matchWebhookPath("/api/webhooks/infobip/k1/message")).toEqual({ segment: "infobip", channelKey: "k1", endpoint: "message" });
    expect(matchWebhookPath("/api/webhooks/bsp/k2/report")).toEqual({ segment: "bsp", channelKey: "k2", endpoint: "report" });
    expect(matchWebhookPath("/api/webhooks/twilio/k3/status")).toEqual({ segment: "twilio", channelKey: "k3", endpoint: "status" });
    expect(matchWebhookPath("/api/webhooks/whatsapp-cloud/k4")).toEqual({ segment: "whatsapp-cloud", channelKey: "k4" });
    expect(matchWebhookPath("/api/webhooks/telegram/k5")).toEqual({ segment: "telegram", channelKey: "k5" });
  });

  it("passes an unknown endpoint name on, as the route's [endpoint] segment does (the ingestor answers 404)", () => {
    expect(matchWebhookPath("/api/webhooks/infobip/k1/other")).toEqual({ segment: "infobip", channelKey: "k1", endpoint: "other" });
  });

  it("decodes percent-encoded segments like Next's params", () => {
    expect(matchWebhookPath("/api/webhooks/telegram/a%2Fb")).toEqual({ segment: "telegram", channelKey: "a/b" });
  });

  it("leaves every other path to Next", () => {
    for (const path of [
      "/api/webhooks/telegram/k5/",
      "/api/webhooks/telegram/k5/message",
      "/api/webhooks/whatsapp-cloud",
      "/api/webhooks/infobip/k1",
      "/api/webhooks/infobip/k1/message/extra",
      "/api/webhooks/infobip//message",
      "/api/webhooks/unknown/k1/message",
      "/api/webhooks/__proto__/k1",
      "/api/webhooks/telegram/%E0%A4%A",
      "/api/channels",
      "/api/webhooksx/telegram/k5",
    ]) {
      expect(matchWebhookPath(path), path).toBeNull();
    }
  });
});

describe("webhookAction", () => {
  it("answers Meta's GET handshake only on Meta's URL, 405 for the methods the routes export, and leaves the rest to Next", () => {
    expect(webhookAction("whatsapp-cloud", "GET")).toBe("handshake");
    expect(webhookAction("telegram", "GET")).toBe("notAllowed");
    for (const method of ["PUT", "PATCH", "DELETE"]) expect(webhookAction("infobip", method)).toBe("notAllowed");
    expect(webhookAction("twilio", "POST")).toBe("post");
    expect(webhookAction("twilio", "HEAD")).toBeNull();
    expect(webhookAction("twilio", "OPTIONS")).toBeNull();
    expect(webhookAction("twilio", "post")).toBeNull();
  });

  it("lists the allowed methods for the Allow header", () => {
    expect(allowedMethods("whatsapp-cloud")).toEqual(["GET", "POST"]);
    expect(allowedMethods("bsp")).toEqual(["POST"]);
  });
});
