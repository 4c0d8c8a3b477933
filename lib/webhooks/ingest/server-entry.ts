import "server-only";
import { getIngestor } from "./instance";
import { createNodeWebhookHandler, type NodeWebhookHandler } from "./node-transport";

/*
 * How scripts/serve.mjs (plain JavaScript, outside Next's build) reaches the webhook handler
 * compiled into Next's server: instrumentation.ts publishes it here when the server prepares.
 */

export const NODE_WEBHOOK_HANDLER = Symbol.for("channel-console.webhooks.node-handler");

export function publishNodeWebhookHandler(): void {
  (globalThis as { [NODE_WEBHOOK_HANDLER]?: NodeWebhookHandler })[NODE_WEBHOOK_HANDLER] = createNodeWebhookHandler(getIngestor);
}
