import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { startEmbeddedProcess } from "@/testing/db/embedded-process";

const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
const dir = temp("cc-embedded-");
// A system folder of this test's own, instead of /var/lib/channel-console; traversable like that one.
const systemDir = temp("cc-embedded-system-");
chmodSync(systemDir, 0o755);
const running = new Set<EmbeddedDatabase>();
afterAll(async () => {
  for (const database of running) await database.stop();
  for (const folder of [dir, systemDir]) rmSync(folder, { recursive: true, force: true });
});

// Below Linux's ephemeral range (32768–60999): a test that stops a server and starts it again on
// the same port must not find that port taken meanwhile as some connection's local port.
const randomPort = () => 20_000 + Math.floor(Math.random() * 10_000);
const asRoot = process.getuid?.() === 0;

async function start(options: Parameters<typeof startEmbeddedPostgres>[0]) {
  const database = await startEmbeddedPostgres({ systemDir, ...options });
  running.add(database);
  return { ...database, stop: () => (running.delete(database), database.stop()) };
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("startEmbeddedPostgres", { timeout: 60_000 }, () => {
  it("keeps data across a stop and a restart", async () => {
    const port = randomPort();
    // In a process of its own, the way npm start and the integration-test database run it.
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

  it("refuses a second start on a data folder whose PostgreSQL runs, in one sentence with its PID", async () => {
    const first = await startEmbeddedProcess({ dir, port: randomPort(), database: "console" });
    try {
      const second = startEmbeddedPostgres({ dir, port: randomPort(), systemDir });
      await expect(second).rejects.toMatchObject({ kind: "already-running" });
      await expect(second).rejects.toThrow(/^the embedded PostgreSQL of \S+ is already running \(PID \d+\), .*: stop that one first, or give this one its own CONSOLE_DATA_DIR\.$/);
    } finally {
      await first.stop();
    }
  });

  it("says which port is taken when another program holds it", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const attempt = startEmbeddedPostgres({ dir, port, systemDir });
      await expect(attempt).rejects.toMatchObject({ kind: "port-in-use" });
      await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot listen there: stop the program that uses it, or set EMBEDDED_PG_PORT to a free port.`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

// CI clones into a fresh mode-700 folder as root; PostgreSQL runs as `postgres`, who cannot pass through it.
describe("a data folder inside a private (mode 700) folder", { timeout: 60_000 }, () => {
  const home = temp("cc-private-home-");
  const data = path.join(home, "console", "data");
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("runs, keeps data across restarts and never opens up the private folder", async () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const port = randomPort();
    const first = await start({ dir: data, port });
    await query(first.url, "create table kept (value text); insert into kept values ('private')");
    await first.stop();
    const second = await start({ dir: data, port });
    expect(await query(second.url, "select value from kept")).toEqual([{ value: "private" }]);
    await second.stop();

    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(data, "pg-password")).mode & 0o777).toBe(0o600);
    const pointer = path.join(data, "pg");
    if (asRoot) {
      // The cluster moved where postgres can reach it; the data folder links to it.
      expect(lstatSync(pointer).isSymbolicLink()).toBe(true);
      expect(readlinkSync(pointer)).toMatch(new RegExp(`^${systemDir}/clusters/[0-9a-f]{16}/pg$`));
      expect(second.relocated.cluster).toBe(readlinkSync(pointer));
      expect(statSync(readlinkSync(pointer)).uid).not.toBe(0);
    } else {
      expect(lstatSync(pointer).isDirectory()).toBe(true);
      expect(second.relocated).toEqual({});
    }
  });

  it("starts afresh when the data folder was deleted, as it does in place", async () => {
    const before = asRoot ? readlinkSync(path.join(data, "pg")) : null;
    rmSync(data, { recursive: true, force: true });
    const port = randomPort();
    const database = await start({ dir: data, port });
    try {
      expect(await query(database.url, "select count(*)::int as n from pg_tables where tablename = 'kept'")).toEqual([{ n: 0 }]);
      if (before) expect(readlinkSync(path.join(data, "pg"))).toBe(before);
    } finally {
      await database.stop();
    }
    expect(existsSync(path.join(data, "pg", "PG_VERSION"))).toBe(true);
  });
});

describe("the postgres user", () => {
  it("is who runs PostgreSQL as root, and nobody else's files are given to it", () => {
    const owner = statSync(path.join(dir, "pg")).uid;
    if (asRoot) expect(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()).toBe(String(owner));
    else expect(owner).toBe(process.getuid?.());
  });
});
