import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedProcess } from "./testing/embedded-process";

const dir = mkdtempSync(path.join(tmpdir(), "cc-embedded-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

// startEmbeddedPostgres runs in a child process (see db/testing/run-embedded.ts for why).
describe("startEmbeddedPostgres", () => {
  it("keeps data across a stop and a restart", async () => {
    const port = 50_000 + Math.floor(Math.random() * 4_000);
    const first = await startEmbeddedProcess({ dir, port, database: "console" });
    await query(first.url, "create table kept (value text); insert into kept values ('survives restarts')");
    await first.stop();

    const second = await startEmbeddedProcess({ dir, port, database: "console" });
    try {
      expect(second.url).toBe(first.url);
      expect(await query(second.url, "select value from kept")).toEqual([{ value: "survives restarts" }]);
    } finally {
      await second.stop();
    }
  });

  it("keeps its generated password readable by its owner only", () => {
    expect(statSync(path.join(dir, "pg-password")).mode & 0o777).toBe(0o600);
  });
});
