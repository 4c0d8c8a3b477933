import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { getTableColumns, sql } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import { channels, channelTransferQueues } from "@/db/schema";
import { generateWebhookKey } from "@/lib/channels/integration";
import { rowValues } from "@/lib/channels/record";
import { mergeSecrets, newIntegrationToken } from "@/lib/channels/secrets";
import { getKeyring } from "@/lib/crypto/keyring";
import { parseInformation, saveChannelEnvelopeSchema } from "@/lib/validations/channels/channel";
import { CHANNEL_VARIANTS, type ChannelInformation, type ChannelVariant } from "@/lib/validations/channels/information";
import { ensureChannelPrerequisites, SEED_TRUSTLIST_PREFIXES, type ChannelPrerequisites } from "./prerequisites";
import { variantInput, variantSlug } from "./variants";

/*
 * Seed data, part 3 of 3: many channels, fast, as rows saveChannel would have written (for the
 * list, export and webhook benchmarks and for tests that need volume).
 */

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export interface BulkOptions {
  /** The creator recorded on every row (default none). */
  actorUserId?: string | null;
  /** The variants to cycle through (default all six). */
  variants?: readonly ChannelVariant[];
  /** Rows per INSERT (default 1000). */
  batchSize?: number;
  /** INSERTs running at once, each on its own connection (default 2). */
  concurrency?: number;
  /** One channel in this many is disabled (default 10; 0 for none). */
  disabledEvery?: number;
  /** createdAt is spread over this many days before now (default 365). */
  spreadDays?: number;
  prerequisites?: ChannelPrerequisites;
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface BulkResult {
  count: number;
  /** The suffix of every name of this run, and the number prefix of its WhatsApp numbers. */
  run: string;
  firstName: string | null;
  lastName: string | null;
  byVariant: Partial<Record<ChannelVariant, number>>;
  milliseconds: number;
}

export const BULK_MAX_COUNT = 1_000_000;

/**
 * Inserts `count` channels of mixed variants in multi-row INSERTs, skipping saveChannel's per-row
 * checks (each variant's template is validated once, by the same schemas) but writing exactly the
 * rows it would: rowValues for the columns, mergeSecrets for the encrypted secrets and their masks,
 * a fresh webhook key and an encrypted integration token per row. Names are
 * `seed_<variant>_<n>_<run>`, WhatsApp numbers `+447<run><n>` (unique across the installation:
 * the run is chosen so that no number or name of it exists yet).
 */
export async function seedBulkChannels(db: Db, tenantId: string, count: number, options: BulkOptions = {}): Promise<BulkResult> {
  if (!Number.isInteger(count) || count < 1 || count > BULK_MAX_COUNT) throw new Error(`count must be 1…${BULK_MAX_COUNT}`);
  const started = performance.now();
  const prereq = options.prerequisites ?? (await ensureChannelPrerequisites(db, tenantId, { actorUserId: options.actorUserId }));
  const variants = options.variants?.length ? options.variants : CHANNEL_VARIANTS;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 1000));
  const disabledEvery = options.disabledEvery ?? 10;
  const spreadMs = (options.spreadDays ?? 365) * 86_400_000;
  const width = Math.max(6, String(count - 1).length);
  const run = await freeRun(db, tenantId);
  const templates = new Map(variants.map((variant) => [variant, parsedTemplate(variant, prereq)]));
  const keyring = getKeyring();
  const now = Date.now();
  const byVariant: Partial<Record<ChannelVariant, number>> = {};

  const rowAt = (index: number): BulkRow => {
    const variant = variants[index % variants.length]!;
    const template = templates.get(variant)!;
    const n = String(index).padStart(width, "0");
    const id = randomUUID();
    const name = `seed_${variantSlug(variant)}_${n}_${run}`;
    const information = { ...template.information } as ChannelInformation & Record<string, unknown>;
    if ("phoneNumber" in information) information.phoneNumber = `+447${run}${n}`;
    const typed = { ...information, ...bulkSecrets(variant, prereq) };
    const { secrets, masks } = mergeSecrets(keyring, id, variant, typed, { secrets: {}, masks: {} });
    // Every third channel lets conversations be transferred; the rest keep the queue lists empty.
    const transfer = index % 3 === 0;
    const basic = {
      ...template.basic,
      name,
      sessionTransfer: transfer ? { enabled: true as const, targetSkillQueueIds: [prereq.transferQueueId] } : { enabled: false as const },
      noAgentReply: index % 2 === 0 ? template.basic.noAgentReply : { enabled: false as const },
    };
    const robot = index % 4 === 0 ? { robotEnabled: true as const, robotName: "Seed robot", assistantEnabled: true } : template.robot;
    const values = rowValues({ id, information, basic, robot, secrets, masks, apiAppId: template.apiAppId });
    // Oldest first, so the run's order by name and by creation agree; updates a little later.
    const createdAt = new Date(now - spreadMs + Math.floor(((index + Math.random()) / count) * spreadMs));
    const updatedAt = new Date(Math.min(now, createdAt.getTime() + randomInt(0, 30 * 86_400_000)));
    byVariant[variant] = (byVariant[variant] ?? 0) + 1;
    return {
      row: {
        ...values,
        tenantId,
        status: disabledEvery > 0 && index % disabledEvery === disabledEvery - 1 ? ("disabled" as const) : ("enabled" as const),
        webhookKey: generateWebhookKey(),
        integrationToken: newIntegrationToken(keyring, id, variant),
        createdByUserId: options.actorUserId ?? null,
        createdAt,
        updatedAt,
      },
      transferQueueIds: transfer ? [prereq.transferQueueId] : [],
    };
  };

  // Batches in flight on their own connections, while the next one is built and encrypted here.
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  for (let start = 0; start < count; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - start) }, (_, offset) => rowAt(start + offset));
    const write: Promise<void> = insertBatch(db, tenantId, batch).then(() => {
      inFlight.delete(write);
      done += batch.length;
      options.onProgress?.(done, count);
    });
    write.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection meanwhile
    inFlight.add(write);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  await recordAudit(db, {
    tenantId,
    actorUserId: options.actorUserId ?? null,
    action: "channel.seedBulk",
    targetType: "tenant",
    targetId: tenantId,
    after: { count, run, byVariant },
  });
  const pad = (index: number) => String(index).padStart(width, "0");
  return {
    count,
    run,
    firstName: `seed_${variantSlug(variants[0]!)}_${pad(0)}_${run}`,
    lastName: `seed_${variantSlug(variants[(count - 1) % variants.length]!)}_${pad(count - 1)}_${run}`,
    byVariant,
    milliseconds: Math.round(performance.now() - started),
  };
}

type BulkRow = { row: typeof channels.$inferInsert & { id: string }; transferQueueIds: string[] };

const casing = new CasingCache("snake_case");
const CHANNEL_COLUMNS = Object.entries(getTableColumns(channels)).map(([key, column]) => ({ key, name: casing.getColumnCasing(column) }));

/**
 * One multi-row INSERT per batch with the whole batch as a single JSON parameter
 * (json_populate_recordset): building a 1000-row VALUES list with ~40 parameters a row costs more
 * than PostgreSQL takes to store it. Seed rows are reproducible, so the commit need not wait for
 * the disk (synchronous_commit off: a crash could lose the last batches, never corrupt anything).
 */
async function insertBatch(db: Db, tenantId: string, batch: BulkRow[]): Promise<void> {
  const present = CHANNEL_COLUMNS.filter((column) => batch[0]!.row[column.key as keyof BulkRow["row"]] !== undefined);
  const records = batch.map(({ row }) => Object.fromEntries(present.map((column) => [column.name, row[column.key as keyof typeof row]])));
  const columns = sql.raw(present.map((column) => `"${column.name}"`).join(", "));
  const links = batch.flatMap((entry) => entry.transferQueueIds.map((skillQueueId) => ({ tenantId, channelId: entry.row.id, skillQueueId })));
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(
      sql`insert into ${channels} (${columns}) select ${columns} from json_populate_recordset(null::channels, ${JSON.stringify(records)}::json)`,
    );
    if (links.length > 0) await tx.insert(channelTransferQueues).values(links);
  });
}

/** A variant's envelope parsed once by the wizard's own schemas, so each bulk row starts valid. */
function parsedTemplate(variant: ChannelVariant, prereq: ChannelPrerequisites) {
  const raw = variantInput(variant, prereq, { name: "seed_template", phoneNumber: "+447000000000" });
  const envelope = saveChannelEnvelopeSchema.parse(raw);
  const information = parseInformation(envelope.information, { keptSecrets: [], approvedPrefixes: SEED_TRUSTLIST_PREFIXES });
  if (!information.success) throw new Error(`the ${variant} seed template is invalid: ${information.error.message}`);
  const apiAppId = variant === "other-oAuth" || variant === "telegram" ? prereq.apiApp.id : null;
  return { information: information.data, basic: envelope.basic, robot: envelope.robot, apiAppId };
}

/** Fresh secrets per row, in the provider's shape; the app secret is the seed app's. */
function bulkSecrets(variant: ChannelVariant, prereq: ChannelPrerequisites): Record<string, string> {
  switch (variant) {
    case "infobip":
      return { password: hex(8), accountKey: hex(32), webhookPassword: `whp_${hex(10)}` };
    case "other-basic":
      return { password: hex(8), authenticationKey: hex(16), webhookPassword: `whp_${hex(10)}` };
    case "other-oAuth":
      return { password: prereq.apiApp.appSecret, webhookPassword: `whp_${hex(10)}` };
    case "cloud-api":
      return { appSecret: hex(16), accessToken: `EAAG${hex(48)}` };
    case "twilio":
      return { authToken: hex(16) };
    case "telegram":
      return { appSecret: prereq.apiApp.appSecret };
  }
}

/** Four digits no earlier run used: for names in this tenant, and for WhatsApp numbers anywhere. */
async function freeRun(db: Db, tenantId: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const run = String(randomInt(0, 10_000)).padStart(4, "0");
    const [taken] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(
        sql`(${channels.phoneNumber} like ${`+447${run}%`}) or (${channels.tenantId} = ${tenantId} and lower(${channels.name}) like ${`seed\\_%\\_${run}`})`,
      )
      .limit(1);
    if (!taken) return run;
  }
  throw new Error("no free seed run number left: delete old seed channels first");
}
