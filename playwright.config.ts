import { defineConfig, devices } from "@playwright/test";
import { TEST_CA_FILE } from "./testing/test-ca";

/**
 * End-to-end tests against the production build (`next build` runs before `playwright test`),
 * served by the real start script on its own embedded PostgreSQL in data/e2e, wiped on every run.
 * Ports 3100 / 54330 keep clear of a developer's `npm run dev` (3000 / 54329).
 */
// E2E_* and NEXT_DIST_DIR let several suites run side by side, each with its own build and server.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54330);
const baseURL = `http://127.0.0.1:${PORT}`;
const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? "data/e2e"; // e2e/fixtures.ts reads the secrets the server writes here

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: "list",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  // Generous: every sign-in hashes with argon2, and CI machines have two cores shared with the server.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /webhook-durability\.spec\.ts/ },
    // No browser: the spec starts its own database and server on fixed ports of its own (3152/3153,
    // 54352/54353), so never two copies of it at once (--repeat-each).
    { name: "durability", testMatch: /webhook-durability\.spec\.ts/, workers: 1 },
    // Issue 18: two production instances, a separate worker and a round-robin proxy on a PostgreSQL of
    // their own (testing/multi-instance/fixtures.ts; ports 3170-3172 and 54370, or MULTI_INSTANCE_*),
    // one deployment for both specs, so one worker.
    { name: "multi-instance", testDir: "testing/multi-instance", testMatch: /\.spec\.ts$/, workers: 1, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command:
      `node -e "require('fs').rmSync('${E2E_DATA_DIR}',{recursive:true,force:true})" && ` +
      `npx tsx scripts/start.ts -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      // Empty counts as unset in scripts/start.ts: always the embedded database, never a real server.
      DATABASE_URL: "",
      // Keys come from files in the data folder, which e2e/no-secrets.spec.ts reads to search for them.
      AUTH_SECRET: "",
      SECRETS_KEY: "",
      CONSOLE_DATA_DIR: E2E_DATA_DIR,
      EMBEDDED_PG_PORT: String(PG_PORT),
      CONSOLE_LOG_FILE: `${E2E_DATA_DIR}/console.log`,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      // The fakes the specs start on 127.0.0.1 (the Telegram Bot API) speak https with the tests' CA.
      OUTBOUND_EXTRA_CA_FILE: TEST_CA_FILE,
      // A failure to connect is answered at this deadline (10 s in production): keeps refusals quick.
      OUTBOUND_TIMEOUT_MS: "3000",
    },
  },
});
