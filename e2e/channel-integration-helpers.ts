import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { E2E_DATA_DIR } from "./fixtures";

/*
 * Channels for the Channel Integration specs, created by `npm run seed:channels -- --each-variant`
 * against the e2e server's own embedded database (the script finds it running in E2E_DATA_DIR),
 * so every channel went through the same save action as the wizard.
 */

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, "..");

export interface SeededChannel {
  id: string;
  name: string;
  variant: "infobip" | "other-basic" | "other-oAuth" | "cloud-api" | "twilio" | "telegram";
  provider: string;
  webhookUrls: { name: string; url: string }[];
  verifyToken?: string;
  secretToken?: string;
}

export type SeedSecrets = Partial<
  Record<"webhook-password" | "password" | "account-key" | "authentication-key" | "app-secret" | "access-token" | "auth-token" | "bot-token", string>
>;

/** One channel of each variant in the Demo tenant; `telegramApiBaseUrl` is where the bot token is checked. */
export async function seedEachVariant(secrets: SeedSecrets, telegramApiBaseUrl: string): Promise<SeededChannel[]> {
  const flags = Object.entries(secrets).flatMap(([flag, value]) => [`--${flag}`, value as string]);
  const { stdout } = await run("npx", ["tsx", "scripts/seed-channels.ts", "--each-variant", ...flags], {
    cwd: ROOT,
    timeout: 120_000,
    env: {
      ...process.env,
      // The e2e server's embedded database and key files (see playwright.config.ts), never a real server.
      DATABASE_URL: "",
      SECRETS_KEY: "",
      CONSOLE_DATA_DIR: E2E_DATA_DIR,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54330",
      TELEGRAM_API_BASE_URL: telegramApiBaseUrl,
    },
  });
  const { channels } = JSON.parse(stdout) as { channels: SeededChannel[] };
  return channels;
}

/** The path of a webhook URL: the seed and the server may name the public host differently. */
export const pathOf = (url: string) => new URL(url).pathname;
