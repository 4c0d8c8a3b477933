import { describe, expect, it, vi } from "vitest";
import { createLogger, replaceLog } from "@/lib/log/logger";
import type { Ingestor } from "./ingestor";
import { allowedMethods, answerWebhookCall, matchWebhookPath, webhookAction } from "./routes";
import { RequestAborted, type IngestRequest } from "./transport";

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

describe("answerWebhookCall", () => {
  const request: IngestRequest = { method: "POST", url: "/api/webhooks/telegram/k", headers: { get: () => null }, readBody: async () => ({ ok: true, bytes: new Uint8Array() }) };
  const target = { segment: "telegram" as const, channelKey: "k" };
  const failing = (error: unknown): Ingestor => ({ post: () => Promise.reject(error), handshake: () => Promise.reject(error) });

  it("answers 405 with Allow without asking the ingestor", async () => {
    const getIngestor = vi.fn();
    const reply = await answerWebhookCall(getIngestor, "notAllowed", request, { segment: "whatsapp-cloud", channelKey: "k" });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe("GET, POST");
    expect(getIngestor).not.toHaveBeenCalled();
  });

  it("turns a fault of ours into a logged 500 that says nothing about it, and lets a caller's hang-up through", async () => {
    const lines: { level: string; err?: { stack?: string } }[] = [];
    const previous = replaceLog(createLogger({ format: "json", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
    try {
      const reply = await answerWebhookCall(() => failing(new Error("pool exploded: secret-ish detail")), "post", request, target);
      expect(reply.status).toBe(500);
      expect(reply.body).not.toContain("pool exploded");
      expect(reply.body).not.toMatch(/\bat /);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.err?.stack).toMatch(/routes\.test\.ts/);
      const missingConfig = await answerWebhookCall(() => { throw new Error("DATABASE_URL is not set"); }, "handshake", request, target);
      expect(missingConfig.status).toBe(500);
      await expect(answerWebhookCall(() => failing(new RequestAborted()), "post", request, target)).rejects.toBeInstanceOf(RequestAborted);
      expect(lines.map((line) => line.level)).toEqual(["error", "error"]);
      // The stack says where; the message, which may quote data, stays out of the log too.
      expect(JSON.stringify(lines)).not.toContain("secret-ish detail");
    } finally {
      if (previous) replaceLog(previous);
    }
  });
});
