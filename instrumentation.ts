/**
 * Next runs register() once per server process, when it prepares to handle its first request.
 * In Node.js it publishes the direct webhook handler that scripts/serve.mjs puts in front of
 * Next (lib/webhooks/ingest/server-entry.ts). `next dev` and `next start` never look for it and
 * serve webhooks through the route handlers. It also publishes the process's metrics registry
 * (lib/metrics/cluster-bridge.mjs).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { publishNodeWebhookHandler } = await import("./lib/webhooks/ingest/server-entry");
  publishNodeWebhookHandler();
  // This process's metrics, for a scrape answered by it or by another process of the instance.
  const { publishWebMetrics } = await import("./lib/metrics/web");
  publishWebMetrics();
  // The web pool's connection errors as structured lines (db/ cannot import the log itself).
  const { logDatabaseErrors } = await import("./lib/log/db-errors");
  logDatabaseErrors();
}
