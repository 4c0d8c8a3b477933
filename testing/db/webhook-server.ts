import http from "node:http";
import { listenOnLoopback } from "@/testing/loopback";
import { getPool } from "@/db";
import { getIngestor } from "@/lib/webhooks/ingest/instance";
import { createNodeWebhookHandler } from "@/lib/webhooks/ingest/node-transport";
import type { TestDatabase } from "./test-database";
import { TEST_PUBLIC_BASE_URL } from "./webhook-fixtures";

/*
 * The webhook paths as production runs them: the route handlers and the direct node:http path
 * both use the process-wide ingestor (getIngestor), configured from the environment.
 */

/** What the loopback server answers for anything the direct path leaves to Next. */
export const NOT_A_WEBHOOK_CALL = 599;

/**
 * Points the process-wide ingestor at a test database and the test public URL (before its first
 * use); the returned function closes its pool and restores the environment.
 */
export function useProcessIngestor(t: TestDatabase): () => Promise<void> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL };
  process.env.DATABASE_URL = t.url;
  process.env.PUBLIC_BASE_URL = TEST_PUBLIC_BASE_URL;
  return async () => {
    await getPool().end();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** A loopback server as scripts/serve.mjs runs one: the direct webhook path first, the rest NOT_A_WEBHOOK_CALL. */
export async function startDirectWebhookServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const direct = createNodeWebhookHandler(getIngestor);
  const server = http.createServer((request, response) => {
    if (!direct(request, response)) response.writeHead(NOT_A_WEBHOOK_CALL).end("left to Next");
  });
  const { origin, close } = await listenOnLoopback(server);
  return { origin, close };
}
