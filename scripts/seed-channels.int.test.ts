import { spawn } from "node:child_process";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiApps, channels } from "@/db/schema";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { credentialMatches } from "@/lib/api-apps/credentials";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptChannelSecret } from "@/lib/channels/secrets";

/* The seed CLI as a developer and the e2e helpers run it: a child process against a database URL. */

const root = path.join(import.meta.dirname, "..");
const PUBLIC_BASE_URL = "https://console.seed.test";

let t: TestDatabase;
let tenant: { id: string; name: string };
beforeAll(async () => {
  t = await createTestDatabase();
  tenant = (await createTestTenant(t.db)).tenant;
});
afterAll(async () => {
  await t.close();
});

function seed(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/seed-channels.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, SECRETS_KEY: process.env.SECRETS_KEY, PUBLIC_BASE_URL },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const SECRETS = {
  "--webhook-password": "cli-webhook-password-4d2a",
  "--password": "cli-password-88f1",
  "--account-key": "cli-account-key-3b7c",
  "--authentication-key": "cli-authentication-key-6e0d",
  "--app-secret": "abcdefabcdefabcdefabcdefabcdef12",
  "--access-token": "EAAGclitokenvalue55aa",
  "--auth-token": "0123456789abcdef0123456789abcdef",
};

describe("npm run seed:channels", () => {
  it("--each-variant creates one channel per variant with the given secrets and prints its integration values", { timeout: 90_000 }, async () => {
    const result = await seed(["--tenant", tenant.name, "--each-variant", ...Object.entries(SECRETS).flat()]);
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.tenant).toEqual({ id: tenant.id, name: tenant.name });
    expect(output.prerequisites.apiApp.appKey).toMatch(/^ak_/);
    expect(output.prerequisites.apiApp.appSecret).toBeUndefined();
    expect(output.channels.map((c: { variant: string }) => c.variant)).toEqual(["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"]);
    for (const secret of Object.values(SECRETS)) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }

    const keyring = getKeyring();
    for (const channel of output.channels as { id: string; variant: string; provider: string; webhookUrls: { url: string }[]; verifyToken?: string; secretToken?: string }[]) {
      const [row] = await t.db.select().from(channels).where(eq(channels.id, channel.id));
      expect(row!.tenantId).toBe(tenant.id);
      expect(row!.provider).toBe(channel.provider);
      for (const { url } of channel.webhookUrls) expect(url.startsWith(`${PUBLIC_BASE_URL}/api/webhooks/`) && url.includes(row!.webhookKey)).toBe(true);
      if (channel.variant === "infobip") {
        expect(decryptChannelSecret(keyring, row!, "accountKey")).toBe(SECRETS["--account-key"]);
        expect(decryptChannelSecret(keyring, row!, "webhookPassword")).toBe(SECRETS["--webhook-password"]);
      }
      if (channel.variant === "twilio") expect(decryptChannelSecret(keyring, row!, "authToken")).toBe(SECRETS["--auth-token"]);
      if (channel.variant === "cloud-api") {
        expect(decryptChannelSecret(keyring, row!, "appSecret")).toBe(SECRETS["--app-secret"]);
        expect(channel.verifyToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
      if (channel.variant === "telegram") expect(channel.secretToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("--count 50 inserts fifty channels of mixed variants", { timeout: 90_000 }, async () => {
    const [before] = await t.db.select({ n: count() }).from(channels).where(eq(channels.tenantId, tenant.id));
    const result = await seed(["--tenant", tenant.id, "--count", "50", "--batch-size", "20"]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.bulk.count).toBe(50);
    expect(Object.keys(output.bulk.byVariant)).toHaveLength(6);
    expect(result.stderr).toContain("50/50 channels");
    const [after] = await t.db.select({ n: count() }).from(channels).where(eq(channels.tenantId, tenant.id));
    expect(after!.n - before!.n).toBe(50);
  });

  it("--prerequisites prints a working API app secret", { timeout: 90_000 }, async () => {
    const result = await seed(["--tenant", tenant.name.toUpperCase(), "--prerequisites", "--api-app-secret", "sk_cli-chosen-secret"]);
    expect(result.code).toBe(0);
    const { prerequisites } = JSON.parse(result.stdout);
    expect(prerequisites.apiApp.appSecret).toBe("sk_cli-chosen-secret");
    const [app] = await t.db.select().from(apiApps).where(eq(apiApps.id, prerequisites.apiApp.id));
    expect(credentialMatches("sk_cli-chosen-secret", app!.secretHash)).toBe(true);
  });

  it("refuses bad flags with exit code 2 and a clear message", { timeout: 90_000 }, async () => {
    const [unknown, notANumber, nothing] = await Promise.all([
      seed(["--bogus"]),
      seed(["--count", "ten"]),
      seed(["--tenant", tenant.name]),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--bogus");
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain('--count must be a whole number from 1 to 1000000, not "ten"');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("choose what to seed");
    expect(unknown.stdout + notANumber.stdout + nothing.stdout).toBe("");
  });

  it("fails with exit code 1 for an unknown tenant or a secret the rules refuse, creating nothing", { timeout: 90_000 }, async () => {
    const [before] = await t.db.select({ n: count() }).from(channels);
    const [missing, tooShort] = await Promise.all([
      seed(["--tenant", "No such tenant", "--each-variant"]),
      seed(["--tenant", tenant.name, "--each-variant", "--webhook-password", "short"]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no tenant "No such tenant"');
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toContain("information.webhookPassword: channels.validation.webhookPasswordTooShort");
    const [after] = await t.db.select({ n: count() }).from(channels);
    expect(after!.n).toBe(before!.n);
  });
});
