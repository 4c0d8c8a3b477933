import { randomBytes } from "node:crypto";
import type { ChannelVariant } from "@/lib/validations/channels/information";

/*
 * The Channel Integration step's values: webhook URLs built from the console's public base URL
 * and an unguessable per-channel key (URLs never carry ids or names), and the tokens a provider
 * presents back to us.
 */

/** 192 random bits, URL-safe: the path segment that names a channel to webhook callers. */
export function generateWebhookKey(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * 256 random bits in Telegram's secret_token alphabet (`A-Z a-z 0-9 _ -`, 1–256 characters), which
 * also suits Meta's verify token. Used for the verify token, the secret token and the scenario key.
 */
export function generateIntegrationToken(): string {
  return randomBytes(32).toString("base64url");
}

export const WEBHOOK_KEY_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export type IntegrationUrlName = "message" | "report" | "webhook" | "status";

export interface IntegrationUrl {
  name: IntegrationUrlName;
  url: string;
}

/** The path segment of each provider's route handler (spec, "Webhooks"). */
export const WEBHOOK_PROVIDER_SEGMENT = {
  infobip: "infobip",
  "other-basic": "bsp",
  "other-oAuth": "bsp",
  "cloud-api": "whatsapp-cloud",
  twilio: "twilio",
  telegram: "telegram",
} as const satisfies Record<ChannelVariant, string>;

/** The URLs to give the provider, in the order the Channel Integration step shows them. */
export function webhookUrls(variant: ChannelVariant, publicBaseUrl: string, webhookKey: string): IntegrationUrl[] {
  const base = `${publicBaseUrl.replace(/\/+$/, "")}/api/webhooks/${WEBHOOK_PROVIDER_SEGMENT[variant]}/${webhookKey}`;
  switch (variant) {
    case "infobip":
    case "other-basic":
    case "other-oAuth":
      return [
        { name: "message", url: `${base}/message` },
        { name: "report", url: `${base}/report` },
      ];
    case "cloud-api":
      return [{ name: "webhook", url: base }];
    case "twilio":
      return [
        { name: "message", url: `${base}/message` },
        { name: "status", url: `${base}/status` },
      ];
    case "telegram":
      return [{ name: "message", url: base }];
  }
}

/** Which token the provider presents: Meta's verify token, or Telegram's secret token. */
export function integrationTokenKind(variant: ChannelVariant): "verifyToken" | "secretToken" | null {
  if (variant === "cloud-api") return "verifyToken";
  if (variant === "telegram") return "secretToken";
  return null;
}

/** The scenario key is not used with Meta's Cloud API (seed: "Skip this step if … cloud-api"). */
export function hasScenarioKey(variant: ChannelVariant): boolean {
  return variant !== "cloud-api";
}

/**
 * The exact setWebhook call an administrator makes by hand when no bot token is stored
 * (seed 004): the bot token stays a placeholder, because the console never shows it back.
 */
export function telegramSetWebhookRequest(webhookUrl: string, secretToken: string, botToken = "<bot-token>"): { url: string; body: string } {
  return {
    url: `https://api.telegram.org/bot${botToken}/setWebhook`,
    body: JSON.stringify({ url: webhookUrl, secret_token: secretToken, allowed_updates: ["message", "edited_message"] }),
  };
}

/**
 * The console's public base URL (what providers call), from PUBLIC_BASE_URL; by default the
 * local address `npm start` listens on, which is right for development only.
 */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_BASE_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return `http://localhost:${env.PORT ?? "3000"}`;
}
