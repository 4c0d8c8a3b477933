import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { BulkResult } from "../testing/seed/bulk";
import type { ChannelPrerequisites } from "../testing/seed/prerequisites";
import type { SeededChannel, SeedSecrets } from "../testing/seed/variants";
import { uniqueSuffix } from "./fixtures";

/*
 * Seed data for channel specs: runs `scripts/seed-channels.ts` against the e2e server's embedded
 * database (the server must be running: playwright's webServer starts it before any spec), with
 * the server's own key file, so the console decrypts what the seed writes.
 */

export type { BulkResult, ChannelPrerequisites, SeededChannel, SeedSecrets };

const root = path.join(import.meta.dirname, "..");
const run = promisify(execFile);

export interface SeedOptions {
  /** Tenant name or id (default "Demo", the tenant of the demo accounts). */
  tenant?: string;
  /**
   * The API app for oAuth / Telegram channels. By default every call gets an app of its own, so a
   * spec running in parallel never replaces the app secret another spec is typing.
   */
  apiAppName?: string;
  apiAppSecret?: string;
}

/** Runs the seed CLI with `args` and answers its JSON output. Throws with the CLI's message when it fails. */
export async function seedChannels<T = Record<string, unknown>>(args: string[]): Promise<T> {
  try {
    const { stdout } = await run(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/seed-channels.ts", ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: "",
        // The server writes its key here on first start (playwright.config.ts sets SECRETS_KEY to "").
        SECRETS_KEY: "",
        SECRETS_PREVIOUS_KEYS: "",
        CONSOLE_DATA_DIR: process.env.E2E_DATA_DIR ?? "data/e2e",
        EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54330",
        // The console builds its public URLs from the port it listens on (unless PUBLIC_BASE_URL is set).
        PORT: process.env.E2E_PORT ?? "3100",
      },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    });
    return JSON.parse(stdout) as T;
  } catch (error) {
    const failure = error as { code?: number; stderr?: string; message: string };
    throw new Error(`seed-channels ${args.join(" ")} failed (exit ${failure.code ?? "?"}): ${failure.stderr?.trim() || failure.message}`);
  }
}

function commonArgs(options: SeedOptions): string[] {
  return [
    "--tenant",
    options.tenant ?? "Demo",
    "--api-app-name",
    options.apiAppName ?? `E2E seed app ${uniqueSuffix()}`,
    ...(options.apiAppSecret ? ["--api-app-secret", options.apiAppSecret] : []),
  ];
}

const SECRET_FLAGS: Record<keyof SeedSecrets, string> = {
  webhookPassword: "--webhook-password",
  password: "--password",
  accountKey: "--account-key",
  authenticationKey: "--authentication-key",
  appSecret: "--app-secret",
  accessToken: "--access-token",
  authToken: "--auth-token",
  botToken: "--bot-token",
};

/**
 * The OU, skill queues, certificates, approved trustlist prefixes and an API app (with a working
 * app key and secret) a channel of the tenant needs: what the wizard's selects and fields take.
 */
export async function seedPrerequisites(options: SeedOptions = {}): Promise<ChannelPrerequisites> {
  const output = await seedChannels<{ prerequisites: ChannelPrerequisites }>(["--prerequisites", ...commonArgs(options)]);
  return output.prerequisites;
}

/**
 * One channel of each variant (infobip, other-basic, other-oAuth, cloud-api, twilio, telegram),
 * saved with every rule of the wizard, and each one's id, name, provider, webhook URLs and
 * verify token (cloud-api) / secret token (telegram). Secrets not given are random.
 */
export async function seedEachVariant(
  secrets: SeedSecrets = {},
  options: SeedOptions = {},
): Promise<{ prerequisites: ChannelPrerequisites; channels: SeededChannel[] }> {
  const flags = Object.entries(secrets).flatMap(([field, value]) => (value ? [SECRET_FLAGS[field as keyof SeedSecrets], value] : []));
  return seedChannels(["--each-variant", "--show-api-app-secret", ...commonArgs(options), ...flags]);
}

/** `count` channels of mixed variants, named `seed_<variant>_<n>_<run>` (see BulkResult.run). */
export async function seedBulk(count: number, options: SeedOptions = {}): Promise<BulkResult> {
  const output = await seedChannels<{ bulk: BulkResult }>(["--count", String(count), ...commonArgs(options)]);
  return output.bulk;
}

/**
 * The channel page's tabs as the query each adds to `/channels/<id>` (Activity is the bare URL).
 * A channel without provider tools answers `?tab=provider` with Activity.
 */
export const CHANNEL_PAGE_TABS = ["", "?tab=configuration", "?tab=integration", "?tab=provider"] as const;
