import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { generateKey } from "@/lib/crypto/secrets";
import { DEMO_PASSWORD } from "@/lib/bootstrap/first-start-config";

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
