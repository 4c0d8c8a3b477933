import { describe, expect, it } from "vitest";
import {
  generateIntegrationToken,
  generateWebhookKey,
  hasScenarioKey,
  integrationTokenKind,
  publicBaseUrl,
  telegramSetWebhookRequest,
  WEBHOOK_KEY_PATTERN,
  webhookUrls,
} from "./integration";

const KEY = "k".repeat(32);

describe("webhook URLs", () => {
  it("follows the spec's paths per provider", () => {
    const base = "https://console.example.com";
    expect(webhookUrls("infobip", base, KEY)).toEqual([
      { name: "message", url: `${base}/api/webhooks/infobip/${KEY}/message` },
      { name: "report", url: `${base}/api/webhooks/infobip/${KEY}/report` },
    ]);
    expect(webhookUrls("other-basic", base, KEY).map((u) => u.url)).toEqual([
      `${base}/api/webhooks/bsp/${KEY}/message`,
      `${base}/api/webhooks/bsp/${KEY}/report`,
    ]);
    expect(webhookUrls("other-oAuth", base, KEY)[0]?.url).toBe(`${base}/api/webhooks/bsp/${KEY}/message`);
    expect(webhookUrls("cloud-api", base, KEY)).toEqual([{ name: "webhook", url: `${base}/api/webhooks/whatsapp-cloud/${KEY}` }]);
    expect(webhookUrls("twilio", base, KEY).map((u) => u.name)).toEqual(["message", "status"]);
    expect(webhookUrls("telegram", `${base}/`, KEY)).toEqual([{ name: "message", url: `${base}/api/webhooks/telegram/${KEY}` }]);
  });

  it("uses unguessable, URL-safe keys that differ every time", () => {
    const keys = new Set(Array.from({ length: 100 }, generateWebhookKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(WEBHOOK_KEY_PATTERN);
  });

  it("makes tokens Telegram accepts as secret_token", () => {
    const token = generateIntegrationToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(token.length).toBeGreaterThanOrEqual(43);
  });
});

describe("integration values per provider", () => {
  it("names the token each provider presents and hides the scenario key for cloud-api", () => {
    expect(integrationTokenKind("cloud-api")).toBe("verifyToken");
    expect(integrationTokenKind("telegram")).toBe("secretToken");
    expect(integrationTokenKind("infobip")).toBeNull();
    expect(hasScenarioKey("cloud-api")).toBe(false);
    expect(hasScenarioKey("twilio")).toBe(true);
  });

  it("shows the exact setWebhook request with the bot token as a placeholder", () => {
    const request = telegramSetWebhookRequest("https://203.0.113.10:8443/api/webhooks/telegram/x", "s3cret");
    expect(request.url).toBe("https://api.telegram.org/bot<bot-token>/setWebhook");
    expect(JSON.parse(request.body)).toMatchObject({ url: "https://203.0.113.10:8443/api/webhooks/telegram/x", secret_token: "s3cret" });
  });

  it("builds URLs from PUBLIC_BASE_URL, or the local address by default", () => {
    expect(publicBaseUrl({ PUBLIC_BASE_URL: "https://console.example.com/" })).toBe("https://console.example.com");
    expect(publicBaseUrl({ PORT: "4000" })).toBe("http://localhost:4000");
  });
});
