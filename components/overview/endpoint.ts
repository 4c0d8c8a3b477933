import { WEBHOOK_ENDPOINTS, type WebhookEndpoint } from "@/db/schema/webhooks";

export function isWebhookEndpoint(value: string): value is WebhookEndpoint {
  return (WEBHOOK_ENDPOINTS as readonly string[]).includes(value);
}
