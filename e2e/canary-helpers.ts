import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import pg from "pg";
import type { SeedSecrets } from "./channel-helpers";
import { expect } from "./fixtures";

/*
 * The canary checks of e2e/channel-secrets.spec.ts and e2e/outbound-secrets.spec.ts: known secret
 * values, a recording of every text answer a page gets, and the search for the values in a text.
 */

const RECORDED_TYPES = ["text/html", "text/x-component", "application/json", "text/plain"];

/** Distinct canaries per field, so a failure names the field that leaked. */
export function canaries(tag: string) {
  const c = (field: string, body: string) => `${body}${tag}${field}`;
  return {
    webhookPassword: c("wh", "CANARYwebhookPw"),
    password: c("pw", "CANARYpassword"),
    accountKey: c("ak", "CANARYaccountKey"),
    authenticationKey: c("auth", "CANARYauthKey"),
    // Meta app secrets and Twilio auth tokens must be 32 hex characters: the canary is hex too.
    appSecret: `cafe${tag.padEnd(28, "0")}`.slice(0, 32),
    accessToken: c("at", "CANARYaccessToken"),
    authToken: `beef${tag.padEnd(28, "0")}`.slice(0, 32),
  } satisfies SeedSecrets;
}

/** Records the body of every HTML, RSC, JSON and plain-text answer `page` gets; call the result to read them. */
export function record(page: Page): () => Promise<{ url: string; body: string }[]> {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  page.on("response", (response: Response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!RECORDED_TYPES.some((recorded) => type.startsWith(recorded))) return;
    bodies.push(
      response
        .text()
        .then((body) => ({ url: response.url(), body }))
        .catch(() => ({ url: response.url(), body: "" })),
    );
  });
  return () => Promise.all(bodies);
}

/** Fails naming `where` and the field when `text` holds any of `values`. */
export function expectFree(text: string, where: string, values: Record<string, string>): void {
  for (const [field, value] of Object.entries(values)) expect(text.includes(value), `${where} contains the ${field} canary`).toBe(false);
}

/** Every row of every table of a console's embedded database (`dataDir` relative to the repository), as JSON text. */
export async function databaseRows(dataDir: string, port: number): Promise<{ table: string; text: string }[]> {
  const password = readFileSync(path.join(import.meta.dirname, "..", dataDir, "pg-password"), "utf8").trim();
  const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/console` });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      "SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    const rows: { table: string; text: string }[] = [];
    for (const { schema, name } of tables.rows) {
      const result = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${schema}"."${name}" t`);
      rows.push(...result.rows.map((row) => ({ table: `${schema}.${name}`, text: row.j })));
    }
    return rows;
  } finally {
    await client.end();
  }
}
