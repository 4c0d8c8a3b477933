import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { TEST_CA_FILE } from "../testing/test-ca";
import { seedEachVariantWithBotApi, type SeededChannel } from "./channel-integration-helpers";

/*
 * A console of its own for the Telegram part of e2e/provider-tools.spec.ts: the shared e2e server
 * calls the real Bot API and has no https address, so registering a webhook there is refused by
 * design (e2e/channel-integration.spec.ts relies on that). This one is started like the shared one
 * (scripts/start.ts: embedded PostgreSQL, migrations, demo accounts, the same build), with the
 * fake Bot API as TELEGRAM_API_BASE_URL, on the ports and folder next to the shared server's.
 */

const root = path.join(import.meta.dirname, "..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TelegramConsole {
  baseUrl: string;
  port: number;
  /** Its data folder (key files, pg-password, console.log), relative to the repository. */
  dataDir: string;
  pgPort: number;
  /**
   * Everything the console printed so far: the web processes (also in CONSOLE_LOG_FILE) and the
   * start script's own lines, where the outbound and export workers log.
   */
  output(): string;
  /** One channel of each variant in the Demo tenant through the seed script; answers the Telegram one. */
  seedTelegramChannel(botToken: string): Promise<SeededChannel>;
  /** Runs `seed` with the seed script pointed at this console's database (e2e/channel-helpers.ts reads the env per call). */
  withSeedEnv<T>(seed: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export interface OwnConsoleOptions {
  telegramApiBaseUrl: string;
  /** Ports E2E_PORT / E2E_PG_PORT plus this (2 by default: the Telegram console of provider-tools.spec.ts). */
  portOffset?: number;
  /** The data folder is E2E_DATA_DIR plus this ("-telegram" by default). */
  dataSuffix?: string;
  /** More environment for the server (other providers' API bases, CONSOLE_LOG_FILE…). */
  env?: Record<string, string>;
}

export async function startTelegramConsole(options: OwnConsoleOptions): Promise<TelegramConsole> {
  const port = Number(process.env.E2E_PORT ?? 3100) + (options.portOffset ?? 2);
  const pgPort = Number(process.env.E2E_PG_PORT ?? 54330) + (options.portOffset ?? 2);
  const dataDir = `${process.env.E2E_DATA_DIR ?? "data/e2e"}${options.dataSuffix ?? "-telegram"}`;
  rmSync(path.join(root, dataDir), { recursive: true, force: true });
  const child: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: "",
      AUTH_SECRET: "",
      SECRETS_KEY: "",
      CONSOLE_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      OUTBOUND_EXTRA_CA_FILE: TEST_CA_FILE,
      OUTBOUND_TIMEOUT_MS: "3000",
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_API_BASE_URL: options.telegramApiBaseUrl,
      // The console's address here is http; Telegram (the fake) is never asked to call it.
      TELEGRAM_ALLOW_INSECURE_WEBHOOK: "1",
      ...options.env,
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM"); // start.ts stops its server and the embedded PostgreSQL
      } catch {}
      await Promise.race([exited, sleep(20_000)]);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }
    await exited;
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Telegram console exited early:\n${output}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Telegram console did not start within 3 minutes:\n${output}`);
    }
    await sleep(500);
  }

  async function withSeedEnv<T>(seed: () => Promise<T>): Promise<T> {
    // The seed script finds its database through these (e2e/channel-helpers.ts reads them per call).
    const saved = { E2E_DATA_DIR: process.env.E2E_DATA_DIR, E2E_PG_PORT: process.env.E2E_PG_PORT, E2E_PORT: process.env.E2E_PORT };
    Object.assign(process.env, { E2E_DATA_DIR: dataDir, E2E_PG_PORT: String(pgPort), E2E_PORT: String(port) });
    try {
      return await seed();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  return {
    baseUrl,
    port,
    dataDir,
    pgPort,
    output: () => output,
    withSeedEnv,
    seedTelegramChannel: (botToken) =>
      withSeedEnv(async () => {
        const channels = await seedEachVariantWithBotApi({ botToken }, options.telegramApiBaseUrl);
        const telegram = channels.find((channel) => channel.variant === "telegram");
        if (!telegram) throw new Error("the seed made no Telegram channel");
        return telegram;
      }),
    stop,
  };
}
