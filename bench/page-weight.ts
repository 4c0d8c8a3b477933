/**
 * The JavaScript each console page makes a cold Chromium download (compressed bytes), beside the
 * same figure for an empty page of a bare Next app of the same version, measured in the same run.
 * See bench/README.md. Usage: npm run bench:pages
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions } from "@playwright/test";
import { createDb, createPool } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { createTenant } from "@/db/queries/tenants";
import { insertUser } from "@/db/queries/users";
import { seedEachVariant } from "@/testing/seed/variants";
import { hashPassword } from "@/lib/auth/password";
import { generateKey } from "@/lib/crypto/secrets";
import { ensureNextBuild, log, openBenchDatabase, startBenchRun, startServer } from "./harness";
import { table } from "./measure";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const PG_PORT = env("BENCH_PG_PORT", 55_650);
const APP_PORT = env("BENCH_APP_PORT", 3195);
const EMPTY_PORT = env("BENCH_EMPTY_PORT", 3196);
const TIME_LIMIT_MS = env("BENCH_TIME_LIMIT_MINUTES", 15) * 60_000;
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const EMPTY_APP_DIR = path.join("bench", "empty-next-app");
// Set in bench/empty-next-app/next.config.mjs: outside the app so lint and tsc skip it like the console's builds.
const EMPTY_DIST_DIR = "../../.next-empty-app";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RESULTS_FILE = path.join(import.meta.dirname, "results", "page-weight.json");
/** Compressed JavaScript per first load, in KB (1,000 bytes): the wizard has the most to do. */
const GOALS = { wizard: 200, page: 180 };
const PASSWORD = `bench-${randomBytes(12).toString("hex")}`;

type Who = "anonymous" | "tenantAdmin" | "systemAdmin";
interface PageCase {
  path: string;
  who: Who;
  goalKb: number;
  /** Where the page sends the browser on (the overview redirects to the role's home). */
  landsAt?: string;
}
interface Weight {
  jsBytes: number;
  jsRequests: number;
  documentBytes: number;
  /** Each script's path and compressed bytes, biggest first: what to look at when a page is over. */
  scripts: { path: string; bytes: number }[];
}

const bench = startBenchRun(TIME_LIMIT_MS);

interface PageIds {
  channelId: string;
  tenantAdminId: string;
  systemAdminId: string;
  skillQueueId: string;
  certificateId: string;
  apiAppId: string;
}

function consolePages(ids: PageIds): PageCase[] {
  const tenant = (p: string, goalKb = GOALS.page, landsAt?: string): PageCase => ({ path: p, who: "tenantAdmin", goalKb, landsAt });
  const system = (p: string): PageCase => ({ path: p, who: "systemAdmin", goalKb: GOALS.page });
  return [
    { path: "/sign-in", who: "anonymous", goalKb: GOALS.page },
    tenant("/", GOALS.page, "/channels"),
    tenant("/channels"),
    tenant("/channels/new", GOALS.wizard),
    tenant(`/channels/${ids.channelId}`),
    tenant(`/channels/${ids.channelId}/edit`, GOALS.wizard),
    tenant(`/channels/${ids.channelId}/integration`),
    tenant("/exports"),
    ...["", "/ous", "/skill-queues", "/service-time", "/certificates", "/trustlist", "/trustlist/approved", "/users", "/audit"].map((p) => tenant(`/settings${p}`)),
    tenant(`/settings/users/${ids.tenantAdminId}`),
    tenant(`/settings/skill-queues/${ids.skillQueueId}`),
    tenant(`/settings/certificates/${ids.certificateId}`),
    { ...system("/system"), landsAt: "/system/tenants" },
    ...["/tenants", "/users", "/trustlist", "/trustlist/approved", "/api-apps"].map((p) => system(`/system${p}`)),
    system(`/system/users/${ids.systemAdminId}`),
    system(`/system/api-apps/${ids.apiAppId}`),
  ];
}

/** Loads `url` in a fresh context with the cache off and sums what came over the wire, by type. */
type SignedIn = BrowserContextOptions["storageState"];

async function weigh(browser: Browser, url: string, storageState: SignedIn, landsAt = url): Promise<Weight> {
  const context = await browser.newContext({ locale: "en-US", storageState });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const weight: Weight = { jsBytes: 0, jsRequests: 0, documentBytes: 0, scripts: [] };
    const pending: Promise<void>[] = [];
    page.on("requestfinished", (request) => {
      pending.push(
        request.sizes().then((sizes) => {
          // responseBodySize is the body as transferred, i.e. after gzip/br, without headers.
          if (request.resourceType() === "script") {
            weight.jsBytes += sizes.responseBodySize;
            weight.jsRequests += 1;
            weight.scripts.push({ path: new URL(request.url()).pathname, bytes: sizes.responseBodySize });
          } else if (request.resourceType() === "document") weight.documentBytes += sizes.responseBodySize;
        }),
      );
    });
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    if (page.url() !== landsAt) throw new Error(`${url} ended at ${page.url()}, not ${landsAt}`);
    await Promise.all(pending);
    weight.scripts.sort((x, y) => y.bytes - x.bytes);
    return weight;
  } finally {
    await context.close();
  }
}

/** The user's cookies after signing in through the form, kept in memory only (never on disk). */
async function signedInState(browser: Browser, baseUrl: string, email: string): Promise<SignedIn> {
  log(`signing in as ${email}`);
  const context = await browser.newContext({ locale: "en-US" });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname !== "/sign-in", { timeout: 60_000 }), page.locator('button[type="submit"]').click()]);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

async function main() {
  const secretsKey = process.env.SECRETS_KEY || generateKey();
  process.env.SECRETS_KEY = secretsKey;
  const database = await openBenchDatabase(bench, PG_PORT, "cc-bench-pages");
  log(`database: ${database.embedded ? `embedded PostgreSQL on port ${PG_PORT} (throwaway)` : "DATABASE_URL"}`);
  const pool = createPool(database.url, { max: 2 });
  bench.onCleanup(() => pool.end());
  const db = createDb(pool);
  await runMigrations(db);

  const suffix = randomBytes(4).toString("hex");
  const tenant = await createTenant(db, { name: `Bench pages ${suffix}` });
  const passwordHash = await hashPassword(PASSWORD);
  const tenantAdminEmail = `bench-admin-${suffix}@bench.example`;
  const systemAdminEmail = `bench-system-${suffix}@bench.example`;
  const tenantAdmin = await insertUser(db, { email: tenantAdminEmail, name: "Bench Admin", role: "tenant_admin", tenantId: tenant.id, passwordHash });
  const systemAdmin = await insertUser(db, { email: systemAdminEmail, name: "Bench System", role: "system_admin", tenantId: null, passwordHash });
  const actor = { id: tenantAdmin.id, email: tenantAdminEmail, name: "Bench Admin", role: "tenant_admin" as const, tenantId: tenant.id, tenantName: tenant.name };
  const { channels, prerequisites } = await seedEachVariant(db, actor, {}, { variants: ["cloud-api"], namePrefix: "bench" });
  if (!database.embedded) {
    bench.onCleanup(async () => {
      await pool.query("delete from channels where tenant_id = $1", [tenant.id]);
      await pool.query("delete from users where id = any($1)", [[tenantAdmin.id, systemAdmin.id]]);
      await pool.query("delete from tenants where id = $1", [tenant.id]);
    });
  }

  ensureNextBuild(DIST_DIR);
  ensureNextBuild(EMPTY_DIST_DIR, EMPTY_APP_DIR);
  const serverEnv = { ...process.env, DATABASE_URL: database.url, SECRETS_KEY: secretsKey, AUTH_SECRET: generateKey(), NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR };
  const next = "node_modules/.bin/next";
  log(`starting the console (next start, build in ${DIST_DIR}) on port ${APP_PORT} and the empty app on ${EMPTY_PORT}`);
  await startServer(bench, "console", next, ["start", "-p", String(APP_PORT), "-H", "127.0.0.1"], serverEnv, `http://127.0.0.1:${APP_PORT}/api/health`);
  await startServer(bench, "empty app", next, ["start", EMPTY_APP_DIR, "-p", String(EMPTY_PORT), "-H", "127.0.0.1"], serverEnv, `http://127.0.0.1:${EMPTY_PORT}/`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  bench.onCleanup(() => browser.close());
  const baseUrl = `http://127.0.0.1:${APP_PORT}`;
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const states: Record<Who, SignedIn> = {
    anonymous: undefined,
    tenantAdmin: await signedInState(browser, baseUrl, tenantAdminEmail),
    systemAdmin: await signedInState(browser, baseUrl, systemAdminEmail),
  };

  const empty = await weigh(browser, `http://127.0.0.1:${EMPTY_PORT}/`, undefined);
  const cases = consolePages({
    channelId: channels[0]!.id,
    tenantAdminId: tenantAdmin.id,
    systemAdminId: systemAdmin.id,
    skillQueueId: prerequisites.skillQueueId,
    certificateId: prerequisites.identityCertificateId,
    apiAppId: prerequisites.apiApp.id,
  });
  const kb = (bytes: number) => Math.round(bytes / 100) / 10;
  const results = [];
  for (const pageCase of cases) {
    const landsAt = pageCase.landsAt && `${baseUrl}${pageCase.landsAt}`;
    const weight = await weigh(browser, `${baseUrl}${pageCase.path}`, states[pageCase.who], landsAt);
    log(`${pageCase.path}: ${kb(weight.jsBytes)} KB of JavaScript in ${weight.jsRequests} requests`);
    results.push({
      ...pageCase,
      jsKb: kb(weight.jsBytes),
      jsRequests: weight.jsRequests,
      documentKb: kb(weight.documentBytes),
      ratio: Math.round((weight.jsBytes / empty.jsBytes) * 100) / 100,
      pass: weight.jsBytes / 1000 <= pageCase.goalKb,
      scripts: weight.scripts,
    });
  }

  const shortPath = (p: string) => p.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "[id]");
  console.info(
    "\n" +
      table(
        ["page", "JS KB", "JS requests", "× empty", "HTML KB", "goal KB", "result"],
        [
          ["(empty Next page)", String(kb(empty.jsBytes)), String(empty.jsRequests), "1", String(kb(empty.documentBytes)), "", ""],
          ...results.map((r) => [shortPath(r.path), String(r.jsKb), String(r.jsRequests), String(r.ratio), String(r.documentKb), String(r.goalKb), r.pass ? "pass" : "FAIL"]),
        ],
      ) +
      "\n",
  );
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify({ measuredAt: new Date().toISOString(), unit: "KB = 1,000 compressed bytes of response bodies", empty: { jsKb: kb(empty.jsBytes), jsRequests: empty.jsRequests, scripts: empty.scripts }, pages: results.map((r) => ({ ...r, path: shortPath(r.path) })) }, null, 2),
  );
  log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  const failed = results.filter((r) => !r.pass);
  if (failed.length) throw new Error(`over the goal: ${failed.map((r) => `${shortPath(r.path)} ${r.jsKb} KB > ${r.goalKb} KB`).join(", ")}`);
}

main()
  .then(() => bench.finish())
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await bench.finish();
    process.exit(1);
  });
