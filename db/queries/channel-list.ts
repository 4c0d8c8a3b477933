import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels, type Channel, type ChannelProviderValue, type ChannelStatusValue, type ChannelTypeValue } from "../schema";
import type { TenantScope } from "../scope";

/*
 * The channel list: keyset pagination over the per-sort indexes (tenant_id, key, id), so a page
 * deep in 100,000 channels costs the same as the first one. The name search is a case-insensitive
 * substring served by the trigram index on lower(name) when it is selective; for a common one
 * PostgreSQL walks the sort order's index and filters, which stops as soon as a page is full
 * (see bench/README.md for what that costs when the matches all come late). The tenant id is in
 * every WHERE.
 */

export const CHANNEL_LIST_SORTS = ["name", "created", "updated"] as const;
export type ChannelListSort = (typeof CHANNEL_LIST_SORTS)[number];
export type SortOrder = "asc" | "desc";

export const CHANNEL_LIST_PAGE_SIZE = 25;
/** Counting stops here: an exact count of a big tenant would cost more than the page itself. */
export const CHANNEL_COUNT_CAP = 1000;

export interface ChannelListQuery {
  q: string;
  type?: ChannelTypeValue;
  provider?: ChannelProviderValue;
  status?: ChannelStatusValue;
  sort: ChannelListSort;
  order: SortOrder;
  /** Opaque cursors from a previous page; a malformed or foreign one counts as absent. */
  after?: string;
  before?: string;
  limit?: number;
}

export type ChannelListItem = Pick<
  Channel,
  "id" | "name" | "channelType" | "provider" | "verificationMethod" | "status" | "phoneNumber" | "createdAt" | "updatedAt"
>;

export interface ChannelListPage {
  items: ChannelListItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** `exact: false` means "at least `count`" (the count stopped at CHANNEL_COUNT_CAP). */
  total: { count: number; exact: boolean };
}

// ---- Cursors: base64url of [sort, key, id]; the key is text exactly as PostgreSQL compares it ----

interface Cursor {
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Microsecond UTC timestamps, as `to_char(…, TIMESTAMP_FORMAT)` writes them. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{3}Z$/;
const TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(sort: ChannelListSort, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.key, cursor.id])).toString("base64url");
}

/** The cursor, or null when it is not one this sort could have produced (never throws). */
export function decodeCursor(sort: ChannelListSort, value: string | undefined): Cursor | null {
  if (!value || value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) return null;
  const [, key, id] = parsed as unknown[];
  if (typeof key !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
  if (sort === "name" ? key.length > 256 || key.includes("\0") : !isTimestamp(key)) return null;
  return { key, id };
}

/** A real instant (no 30 February, no year 0), so PostgreSQL's cast cannot fail on it. */
function isTimestamp(key: string): boolean {
  const match = TIMESTAMP.exec(key);
  if (!match || key < "1900") return false;
  const time = Date.parse(`${match[1]}Z`);
  return Number.isFinite(time) && new Date(time).toISOString() === `${match[1]}Z`;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// ---- The query ----

const SORT_KEYS: Record<ChannelListSort, { expr: SQL; text: SQL; param: (key: string) => SQL }> = {
  name: {
    expr: sql`lower(${channels.name})`,
    text: sql`lower(${channels.name})`,
    param: (key) => sql`${key}::text`,
  },
  created: {
    expr: sql`${channels.createdAt}`,
    text: sql`to_char(${channels.createdAt} at time zone 'UTC', ${sql.raw(`'${TIMESTAMP_FORMAT}'`)})`,
    param: (key) => sql`${key}::timestamptz`,
  },
  updated: {
    expr: sql`${channels.updatedAt}`,
    text: sql`to_char(${channels.updatedAt} at time zone 'UTC', ${sql.raw(`'${TIMESTAMP_FORMAT}'`)})`,
    param: (key) => sql`${key}::timestamptz`,
  },
};

const itemColumns = {
  id: channels.id,
  name: channels.name,
  channelType: channels.channelType,
  provider: channels.provider,
  verificationMethod: channels.verificationMethod,
  status: channels.status,
  phoneNumber: channels.phoneNumber,
  createdAt: channels.createdAt,
  updatedAt: channels.updatedAt,
};

/** Tenant, filters and search: everything but the cursor (the export selects by the same rules). */
export function channelFilterWhere(scope: TenantScope, query: Pick<ChannelListQuery, "q" | "type" | "provider" | "status">): SQL {
  const conditions: SQL[] = [eq(channels.tenantId, scope.tenantId)];
  if (query.type) conditions.push(eq(channels.channelType, query.type));
  if (query.provider) conditions.push(eq(channels.provider, query.provider));
  if (query.status) conditions.push(eq(channels.status, query.status));
  const q = query.q.trim().toLowerCase();
  // lower(name) LIKE, not ILIKE on name: it is the expression the trigram index was built on.
  if (q) conditions.push(sql`lower(${channels.name}) like ${`%${escapeLike(q)}%`}`);
  return and(...conditions)!;
}

/**
 * The ids of up to `take` rows from `cursor` on in the sort order (`forward` or back), found in the
 * sort order's index alone: it carries every column the filters read, so a search whose matches
 * all come late in the order walks small index entries, not the wide table rows before them.
 */
async function orderedIds(db: DbOrTx, where: SQL, query: ChannelListQuery, cursor: Cursor | null, forward: boolean, take: number) {
  const key = SORT_KEYS[query.sort];
  const ascending = (query.order === "asc") === forward;
  const conditions = [where];
  if (cursor) {
    const comparison = sql.raw(ascending ? ">" : "<");
    conditions.push(sql`(${key.expr}, ${channels.id}) ${comparison} (${key.param(cursor.key)}, ${cursor.id}::uuid)`);
  }
  const direction = ascending ? asc : desc;
  const rows = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(...conditions))
    .orderBy(direction(key.expr), direction(channels.id))
    .limit(take);
  return rows.map((row) => row.id);
}

/** The list's rows for these ids, in the page's order. */
async function rowsOf(db: DbOrTx, scope: TenantScope, query: ChannelListQuery, ids: string[]) {
  if (ids.length === 0) return [];
  const key = SORT_KEYS[query.sort];
  const direction = query.order === "asc" ? asc : desc;
  return db
    .select({ ...itemColumns, cursorKey: sql<string>`${key.text}` })
    .from(channels)
    .where(and(eq(channels.tenantId, scope.tenantId), inArray(channels.id, ids)))
    .orderBy(direction(key.expr), direction(channels.id));
}

async function countCapped(db: DbOrTx, where: SQL): Promise<number> {
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(channels)
    .where(where)
    .limit(CHANNEL_COUNT_CAP + 1)
    .as("capped");
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(capped);
  return row?.count ?? 0;
}

const capTotal = (count: number): ChannelListPage["total"] =>
  count > CHANNEL_COUNT_CAP ? { count: CHANNEL_COUNT_CAP, exact: false } : { count, exact: true };

/**
 * One page of the tenant's channels. `after` continues forward from a page's last row, `before`
 * goes back from a page's first row; going back past the start answers the first page.
 */
export async function listChannels(db: DbOrTx, scope: TenantScope, query: ChannelListQuery): Promise<ChannelListPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? CHANNEL_LIST_PAGE_SIZE), 1), 100);
  const where = channelFilterWhere(scope, query);
  const after = decodeCursor(query.sort, query.after);
  const before = after ? null : decodeCursor(query.sort, query.before);
  const toCursor = (row: { cursorKey: string; id: string }) => encodeCursor(query.sort, { key: row.cursorKey, id: row.id });
  /** One row more than the page shows, to know whether more follow. */
  const fetch = async (ids: string[]) => {
    const rows = await rowsOf(db, scope, query, ids.slice(0, limit));
    return { rows, more: ids.length > limit };
  };

  let ids: string[];
  let counted: number;
  const cursor = after ?? before;
  if (cursor) {
    [ids, counted] = await Promise.all([orderedIds(db, where, query, cursor, !before, limit + 1), countCapped(db, where)]);
    if (before) ids.reverse();
  } else {
    // The first page's walk counts too: its first rows are the page, and it stops past the cap.
    const walked = await orderedIds(db, where, query, null, true, CHANNEL_COUNT_CAP + 1);
    counted = walked.length;
    ids = walked.slice(0, limit + 1);
  }
  const total = capTotal(counted);
  let nextCursor: string | null = null;
  let prevCursor: string | null = null;
  let rows: Awaited<ReturnType<typeof rowsOf>>;
  let more: boolean;
  if (before && ids.length <= limit) {
    // Went back past the start: show a full first page rather than a short one.
    ({ rows, more } = await fetch(await orderedIds(db, where, query, null, true, limit + 1)));
    nextCursor = more ? toCursor(rows.at(-1)!) : null;
  } else if (before) {
    // Walking back read one row more than the page, before the page's first: drop it.
    ({ rows } = await fetch(ids.slice(1)));
    prevCursor = toCursor(rows[0]!);
    // Rows after this page exist: at least the one the `before` cursor was taken from.
    nextCursor = toCursor(rows.at(-1)!);
  } else {
    ({ rows, more } = await fetch(ids));
    nextCursor = more ? toCursor(rows.at(-1)!) : null;
    // Coming from a page means rows before this one exist; past the end, go back from the cursor.
    prevCursor = after ? (rows[0] ? toCursor(rows[0]) : query.after!) : null;
  }
  return { items: rows.map(({ cursorKey: _cursor, ...item }) => item), nextCursor, prevCursor, total };
}
