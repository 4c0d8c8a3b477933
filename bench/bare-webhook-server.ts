/**
 * The bench's baseline: what a webhook endpoint costs with nothing but node:http, an HMAC check
 * and one INSERT … ON CONFLICT DO NOTHING through a pg pool of 10 (issue 5's reference server).
 * Started by bench/webhooks.ts as its own process: `tsx bench/bare-webhook-server.ts <port>`,
 * with DATABASE_URL, BENCH_APP_SECRET, BENCH_TENANT_ID and BENCH_CHANNEL_ID set.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const port = Number(process.argv[2]);
const appSecret = process.env.BENCH_APP_SECRET!;
const tenantId = process.env.BENCH_TENANT_ID!;
const channelId = process.env.BENCH_CHANNEL_ID!;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const insert = `insert into webhook_events (tenant_id, channel_id, endpoint, kind, idempotency_key, provider_message_id, type, provider_type, occurred_at, raw)
  values ($1, $2, 'webhook', 'message', $3, $4, 'text', 'text', now(), $5) on conflict (channel_id, idempotency_key) do nothing`;

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const presented = Buffer.from((request.headers["x-hub-signature-256"] as string | undefined)?.slice(7) ?? "", "hex");
    const expected = createHmac("sha256", appSecret).update(body).digest();
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      response.writeHead(403).end();
      return;
    }
    let id: string;
    try {
      id = JSON.parse(body.toString("utf8")).entry[0].changes[0].value.messages[0].id;
    } catch {
      response.writeHead(400).end();
      return;
    }
    pool.query(insert, [tenantId, channelId, `bare:${id}`, id, body.toString("utf8")]).then(
      () => response.writeHead(200, { "content-type": "application/json" }).end('{"status":"stored"}'),
      () => response.writeHead(503).end(),
    );
  });
});
server.listen(port, "127.0.0.1", () => console.info(`READY ${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => void pool.end().then(() => process.exit(0))));
