import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedProcess } from "@/testing/db/embedded-process";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { generateKey } from "@/lib/crypto/secrets";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/bootstrap/first-start-config";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");

/** Runs `npm start`'s script for real; every case here must stop before Next is launched. */
function start(env: Record<string, string>) {
  const result = spawnSync(tsx, ["scripts/start.ts"], {
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME ?? "/tmp", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("npm start with DATABASE_URL", () => {
  const keys = () => ({ AUTH_SECRET: "a".repeat(44), SECRETS_KEY: generateKey() });

  it("refuses to start without the keys it would otherwise generate", () => {
    const { code, output } = start({ DATABASE_URL: t.url });
    expect(code).toBe(1);
    expect(output).toContain("set AUTH_SECRET and SECRETS_KEY");
  });

  it("refuses to create the first administrator without ADMIN_EMAIL / ADMIN_PASSWORD", async () => {
    const { code, output } = start({ DATABASE_URL: t.url, ...keys() });
    expect(code).toBe(1);
    expect(output).toMatch(/ADMIN_EMAIL: is required/);
    expect(failureLines(output)).toHaveLength(1);
    expect((await t.pool.query("select count(*)::int as n from users")).rows[0].n).toBe(0);
  });

  it("refuses the documented demo password, and never prints the password it was given", async () => {
    const { code, output } = start({ DATABASE_URL: t.url, ...keys(), ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: DEMO_PASSWORD });
    expect(code).toBe(1);
    expect(output).toContain("must not be the documented demo password");
    expect(output).not.toContain(DEMO_PASSWORD);
  });

  it("refuses a malformed SECRETS_KEY with a message that does not echo it", () => {
    const { code, output } = start({ DATABASE_URL: t.url, AUTH_SECRET: "x".repeat(44), SECRETS_KEY: "c2hvcnQta2V5" });
    expect(code).toBe(1);
    expect(output).toContain("SECRETS_KEY");
    expect(output).not.toContain("c2hvcnQta2V5");
  });
});

/** The start script's failure: exactly one `[start] cannot start: …` line, and no stack trace anywhere. */
function failureLines(output: string) {
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  return output.split("\n").filter((line) => line.startsWith("[start] cannot start: "));
}

/** Runs the start script without blocking this process (embedded PostgreSQL children keep running). */
function startAsync(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(tsx, ["scripts/start.ts", ...args], {
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME ?? "/tmp", DATABASE_URL: "", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  return new Promise((resolve) => child.once("close", (code) => (clearTimeout(timer), resolve({ code, output }))));
}

async function listening(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const held = await listening();
  await held.close();
  return held.port;
}

// Each case starts PostgreSQL at least once; CI machines are slow and shared.
describe("npm start on the embedded database", { timeout: 60_000 }, () => {
  const dataRoot = mkdtempSync(path.join(tmpdir(), "cc-start-"));
  // Reachable by the postgres user (as /tmp is): these cases are not about private folders (db/embedded.int.test.ts is).
  chmodSync(dataRoot, 0o755);
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));
  let folders = 0;
  const freshDataDir = () => path.join(dataRoot, `data-${++folders}`);

  it("refuses a busy HTTP port in one line, before it starts anything", async () => {
    const busy = await listening();
    try {
      const dir = freshDataDir();
      const { code, output } = await startAsync({ CONSOLE_DATA_DIR: dir, PORT: String(busy.port) });
      expect(code).toBe(1);
      expect(output.trim()).toBe(
        `[start] cannot start: 127.0.0.1 port ${busy.port} is already in use: stop the program that uses it, or choose another port with PORT (or -p).`,
      );
    } finally {
      await busy.close();
    }
  });

  it("refuses a second start on the same CONSOLE_DATA_DIR in one sentence, not 'undefined'", async () => {
    const dir = freshDataDir();
    const first = await startEmbeddedProcess({ dir, port: await freePort(), database: "console" });
    try {
      const { code, output } = await startAsync({ CONSOLE_DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(await freePort()) });
      expect(code).toBe(1);
      expect(failureLines(output)).toEqual([
        expect.stringMatching(/^\[start\] cannot start: the embedded PostgreSQL of \S+ is already running \(PID \d+\), .*: stop that one first, or give this one its own CONSOLE_DATA_DIR\.$/),
      ]);
      expect(output).not.toContain("undefined");
    } finally {
      await first.stop();
    }
  });

  it("refuses a busy EMBEDDED_PG_PORT in one sentence naming it", async () => {
    const busy = await listening();
    try {
      const { code, output } = await startAsync({ CONSOLE_DATA_DIR: freshDataDir(), EMBEDDED_PG_PORT: String(busy.port), PORT: String(await freePort()) });
      expect(code).toBe(1);
      expect(failureLines(output)).toEqual([
        `[start] cannot start: port ${busy.port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot listen there: stop the program that uses it, or set EMBEDDED_PG_PORT to a free port.`,
      ]);
    } finally {
      await busy.close();
    }
  });

  it("will not listen beyond loopback while a demo account has the published password; set-password lifts that", async () => {
    const dir = freshDataDir();
    const env = { CONSOLE_DATA_DIR: dir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(await freePort()), EXPORT_WORKER: "off" };
    const all = [DEMO_ACCOUNTS.systemAdmin.email, DEMO_ACCOUNTS.tenantAdmin.email, DEMO_ACCOUNTS.support.email];

    const refused = await startAsync({ ...env, HOST: "0.0.0.0" });
    expect(refused.code).toBe(1);
    expect(failureLines(refused.output)).toEqual([
      `[start] cannot start: listening on 0.0.0.0 would let anyone who can reach this machine sign in as ${all.join(", ")} with the demo password ` +
        "the README publishes: set real passwords first (`npm run set-password -- <email>` for each of them), or listen on 127.0.0.1 only (leave HOST and -H unset).",
    ]);
    expect(refused.output).not.toContain(DEMO_PASSWORD);

    const setPassword = (email: string, input: string) =>
      spawnSync(tsx, ["scripts/set-password.ts", email], { env: { NODE_ENV: "production", PATH: process.env.PATH, ...env }, input, encoding: "utf8", timeout: 60_000 });
    expect(setPassword(all[0]!, DEMO_PASSWORD)).toMatchObject({ status: 1, stderr: expect.stringContaining("that is the demo password the README publishes") });
    for (const email of all) {
      const result = setPassword(email, `a real password for ${email}\n`);
      expect(result.stdout + result.stderr).toContain(`[set-password] password set for ${email}`);
      expect(result.status).toBe(0);
    }

    // Past the check, the server itself starts; a build folder without a build stops it right there.
    const fakeBuild = path.join(dataRoot, "fake-build");
    mkdirSync(fakeBuild, { recursive: true });
    writeFileSync(path.join(fakeBuild, "BUILD_ID"), "none");
    const passed = await startAsync({ ...env, WEB_CONCURRENCY: "1", NEXT_DIST_DIR: path.relative(process.cwd(), fakeBuild) }, ["-H", "0.0.0.0"]);
    expect(passed.output).not.toContain("cannot start: listening on");
    expect(passed.output).toContain("[serve]");
  }, 120_000); // six runs of the scripts, each starting and stopping PostgreSQL
});
