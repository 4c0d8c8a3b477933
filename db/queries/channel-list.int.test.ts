import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "@/db/schema";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import {
  CHANNEL_COUNT_CAP,
  CHANNEL_LIST_SORTS,
  encodeCursor,
  listChannels,
  type ChannelListQuery,
  type ChannelListSort,
  type SortOrder,
} from "./channel-list";
import { insertOu } from "./ous";
import { insertSkillQueue } from "./skill-queues";

let t: TestDatabase;
let a: { tenantId: string };
let b: { tenantId: string };

type Variant = { channelType: "whatsapp" | "telegram"; provider: (typeof channels.$inferInsert)["provider"]; verificationMethod: "basic" | "oAuth" | null };
const VARIANTS: Variant[] = [
  { channelType: "whatsapp", provider: "infobip", verificationMethod: null },
  { channelType: "whatsapp", provider: "other", verificationMethod: "basic" },
  { channelType: "whatsapp", provider: "other", verificationMethod: "oAuth" },
  { channelType: "whatsapp", provider: "cloud-api", verificationMethod: null },
  { channelType: "whatsapp", provider: "twilio", verificationMethod: null },
  { channelType: "telegram", provider: "telegram", verificationMethod: null },
];

/** Rows as the list needs them, with chosen names, times and status; the rest is filler. */
async function insertChannels(
  scope: { tenantId: string },
  rows: { name: string; variant?: Variant; status?: "enabled" | "disabled"; createdAt?: string; updatedAt?: string }[],
) {
  const ou = await insertOu(t.db, scope, { name: `OU ${randomBytes(3).toString("hex")}`, parentId: null });
  const queue = await insertSkillQueue(t.db, scope, { name: `Queue ${randomBytes(3).toString("hex")}`, description: "" });
  for (let start = 0; start < rows.length; start += 500) {
    await t.db.insert(channels).values(
      rows.slice(start, start + 500).map((row, index) => {
        const variant = row.variant ?? VARIANTS[(start + index) % VARIANTS.length]!;
        return {
          id: randomUUID(),
          tenantId: scope.tenantId,
          name: row.name,
          ...variant,
          status: row.status ?? "enabled",
          phoneNumber: variant.channelType === "whatsapp" && variant.verificationMethod !== "oAuth" ? `+1555${randomBytes(4).readUInt32BE() % 1e7}${start + index}` : null,
          settings: {},
          secrets: {},
          ouId: ou.id,
          skillQueueId: queue.id,
          workTime: { workday: [], nonWorkday: [] },
          webhookKey: randomBytes(24).toString("base64url"),
          ...(row.createdAt ? { createdAt: sql`${row.createdAt}::timestamptz` } : {}),
          ...(row.updatedAt ? { updatedAt: sql`${row.updatedAt}::timestamptz` } : {}),
        };
      }),
    );
  }
}

const base = (query: Partial<ChannelListQuery> = {}): ChannelListQuery => ({ q: "", sort: "name", order: "asc", ...query });

/** The full ordered list straight from PostgreSQL: what walking the pages must reproduce. */
async function expectedIds(scope: { tenantId: string }, sort: ChannelListSort, order: SortOrder): Promise<string[]> {
  const key = { name: sql`lower(${channels.name})`, created: channels.createdAt, updated: channels.updatedAt }[sort];
  const direction = order === "asc" ? asc : desc;
  const rows = await t.db.select({ id: channels.id }).from(channels).where(eq(channels.tenantId, scope.tenantId)).orderBy(direction(key), direction(channels.id));
  return rows.map((row) => row.id);
}

async function walkForward(scope: { tenantId: string }, query: ChannelListQuery) {
  const pages: string[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listChannels(t.db, scope, { ...query, after });
    pages.push(page.items.map((item) => item.id));
    expect(page.prevCursor === null).toBe(guard === 0);
    if (!page.nextCursor) return { pages, last: page };
    after = page.nextCursor;
  }
  throw new Error("did not reach the last page");
}

const NAMES = ["alpha", "Beta", "gamma_1", "gammaX1", "a_b_c", "AxbXc", "delta", "_under", "Zulu", "zebra"];

beforeAll(async () => {
  t = await createTestDatabase();
  const [ta, tb] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  a = { tenantId: ta.tenant.id };
  b = { tenantId: tb.tenant.id };
  // 53 channels in A: three creation instants only (ties broken by id), updates with microseconds.
  const rows = [
    ...NAMES.map((name) => ({ name })),
    ...Array.from({ length: 43 }, (_, i) => ({ name: `${i % 2 ? "ch" : "CH"}_${String(i).padStart(3, "0")}` })),
  ].map((row, i) => ({
    ...row,
    status: i % 4 === 3 ? ("disabled" as const) : ("enabled" as const),
    createdAt: ["2024-01-01T00:00:00Z", "2024-06-01T12:00:00.5Z", "2025-01-01T00:00:00Z"][i % 3],
    updatedAt: `2025-03-01T00:00:${String(i % 7).padStart(2, "0")}.${String(123456 + (i % 5)).padStart(6, "0")}Z`,
  }));
  await insertChannels(a, rows);
  // B has channels whose names match A's searches; none may ever appear in A's list.
  await insertChannels(b, [{ name: "alpha" }, { name: "a_b_c_b" }, { name: "ch_999" }]);
});
afterAll(() => t.close());

describe("listChannels: keyset pagination", () => {
  for (const sort of CHANNEL_LIST_SORTS) {
    for (const order of ["asc", "desc"] as const) {
      it(`walks every row exactly once, forward and back, by ${sort} ${order}`, async () => {
        const expected = await expectedIds(a, sort, order);
        expect(expected).toHaveLength(53);
        const query = base({ sort, order, limit: 7 });
        const { pages, last } = await walkForward(a, query);
        expect(pages.flat()).toEqual(expected);
        expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
        expect(last.total).toEqual({ count: 53, exact: true });

        // Back from the last page to the first: the same pages in reverse.
        const back: string[][] = [last.items.map((item) => item.id)];
        let before = last.prevCursor;
        while (before) {
          const page = await listChannels(t.db, a, { ...query, before });
          back.unshift(page.items.map((item) => item.id));
          expect(page.nextCursor).not.toBeNull();
          before = page.prevCursor;
        }
        expect(back).toEqual(pages);
      });
    }
  }

  it("has ties on creation time that only the id breaks", async () => {
    const [row] = await t.db
      .select({ distinct: sql<number>`count(distinct ${channels.createdAt})::int` })
      .from(channels)
      .where(eq(channels.tenantId, a.tenantId));
    expect(row?.distinct).toBe(3);
  });

  it("answers the items' fields and orders names case-insensitively", async () => {
    const page = await listChannels(t.db, a, base({ limit: 3 }));
    expect(page.items.map((item) => item.name)).toEqual(["_under", "a_b_c", "alpha"]);
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      ["channelType", "createdAt", "id", "name", "phoneNumber", "provider", "status", "updatedAt", "verificationMethod"].sort(),
    );
    const names = (await walkForward(a, base({ q: "zebra" }))).pages.flat();
    expect(names).toHaveLength(1);
    const zs = await listChannels(t.db, a, base({ q: "z" }));
    expect(zs.items.map((item) => item.name)).toEqual(["zebra", "Zulu"]);
  });

  it("going back past the start (rows deleted meanwhile) answers a full first page", async () => {
    const scope = { tenantId: (await createTestTenant(t.db)).tenant.id };
    await insertChannels(scope, Array.from({ length: 12 }, (_, i) => ({ name: `n${String(i).padStart(2, "0")}` })));
    const first = await listChannels(t.db, scope, base({ limit: 5 }));
    const second = await listChannels(t.db, scope, base({ limit: 5, after: first.nextCursor! }));
    expect(second.items.map((item) => item.name)).toEqual(["n05", "n06", "n07", "n08", "n09"]);
    await t.db.delete(channels).where(and(eq(channels.tenantId, scope.tenantId), eq(channels.name, "n01")));
    const back = await listChannels(t.db, scope, base({ limit: 5, before: second.prevCursor! }));
    expect(back.items.map((item) => item.name)).toEqual(["n00", "n02", "n03", "n04", "n05"]);
    expect(back.prevCursor).toBeNull();
    expect(back.nextCursor).not.toBeNull();
    // Past the end: an empty page that still leads back.
    const past = await listChannels(t.db, scope, base({ limit: 5, after: encodeCursor("name", { key: "zzz", id: randomUUID() }) }));
    expect(past.items).toEqual([]);
    expect(past.nextCursor).toBeNull();
    expect((await listChannels(t.db, scope, base({ limit: 5, before: past.prevCursor! }))).items.map((item) => item.name)).toEqual([
      "n07",
      "n08",
      "n09",
      "n10",
      "n11",
    ]);
  });
});

describe("listChannels: filters and search", () => {
  it("filters by type, provider and status, and combines them", async () => {
    const all = (query: Partial<ChannelListQuery>) => walkForward(a, base({ limit: 10, ...query })).then(({ pages }) => pages.flat());
    const rows = await t.db
      .select({ id: channels.id, channelType: channels.channelType, provider: channels.provider, status: channels.status })
      .from(channels)
      .where(eq(channels.tenantId, a.tenantId));
    const idsWhere = (keep: (row: (typeof rows)[number]) => boolean) => new Set(rows.filter(keep).map((row) => row.id));

    const telegram = await all({ type: "telegram" });
    expect(new Set(telegram)).toEqual(idsWhere((row) => row.channelType === "telegram"));
    expect(telegram.length).toBeGreaterThan(0);
    const other = await all({ provider: "other" });
    expect(new Set(other)).toEqual(idsWhere((row) => row.provider === "other"));
    const disabled = await all({ status: "disabled" });
    expect(new Set(disabled)).toEqual(idsWhere((row) => row.status === "disabled"));
    const both = await all({ provider: "other", status: "disabled" });
    expect(new Set(both)).toEqual(idsWhere((row) => row.provider === "other" && row.status === "disabled"));
    expect(both.length).toBeGreaterThan(0);
    expect(await all({ type: "telegram", provider: "twilio" })).toEqual([]);
    const page = await listChannels(t.db, a, base({ status: "disabled" }));
    expect(page.total).toEqual({ count: disabled.length, exact: true });
  });

  it("searches names case-insensitively as a substring, with % and _ taken literally", async () => {
    const names = async (q: string, query: Partial<ChannelListQuery> = {}) =>
      (await listChannels(t.db, a, base({ q, limit: 100, ...query }))).items.map((item) => item.name);
    expect(await names("ALPH")).toEqual(["alpha"]);
    expect(await names("  alpha  ")).toEqual(["alpha"]);
    // `_` is a character, not "any character": a_b matches a_b_c but not AxbXc.
    expect(await names("a_b")).toEqual(["a_b_c"]);
    expect(await names("xbx")).toEqual(["AxbXc"]);
    expect(await names("gamma_")).toEqual(["gamma_1"]);
    expect(await names("%")).toEqual([]);
    expect(await names("a%c")).toEqual([]);
    expect(await names("\\")).toEqual([]);
    expect(await names("'; select 1; --")).toEqual([]);
    expect(await names("ch_00")).toHaveLength(10);
    expect(await names("ch_00", { status: "disabled", order: "desc" })).toEqual(["ch_009", "ch_005", "ch_001"]);
  });

  it("never shows another tenant's channels, whatever the search or cursor", async () => {
    const inB = await listChannels(t.db, b, base({ limit: 100 }));
    expect(inB.items.map((item) => item.name)).toEqual(["a_b_c_b", "alpha", "ch_999"]);
    expect(inB.total).toEqual({ count: 3, exact: true });
    expect((await listChannels(t.db, a, base({ q: "999" }))).items).toEqual([]);
    expect((await listChannels(t.db, a, base({ q: "a_b_c" }))).items.map((item) => item.name)).toEqual(["a_b_c"]);
    // A cursor taken in B only positions A's list; it reveals nothing of B.
    const bIds = new Set(inB.items.map((item) => item.id));
    const fromB = await listChannels(t.db, a, base({ after: encodeCursor("name", { key: "a_b_c_b", id: inB.items[0]!.id }), limit: 100 }));
    expect(fromB.items.some((item) => bIds.has(item.id))).toBe(false);
    expect(fromB.items[0]?.name).toBe("alpha");
  });

  it("counts exactly up to the cap, then answers 'at least'", async () => {
    const scope = { tenantId: (await createTestTenant(t.db)).tenant.id };
    await insertChannels(scope, Array.from({ length: CHANNEL_COUNT_CAP + 5 }, (_, i) => ({ name: `bulk_${i}`, status: i < 3 ? "disabled" : "enabled" })));
    expect((await listChannels(t.db, scope, base())).total).toEqual({ count: CHANNEL_COUNT_CAP, exact: false });
    expect((await listChannels(t.db, scope, base({ status: "disabled" }))).total).toEqual({ count: 3, exact: true });
    expect((await listChannels(t.db, scope, base({ q: "bulk_100" }))).total).toEqual({ count: 6, exact: true });
  });
});

describe("listChannels: searches and filters", () => {
  const QUERIES: Partial<ChannelListQuery>[] = [{ q: "ch_0" }, { status: "disabled" }, { provider: "other", q: "_" }, { q: "A" }, { type: "telegram", status: "enabled" }];
  const ORDERS: [ChannelListSort, SortOrder][] = [["name", "asc"], ["created", "desc"], ["updated", "asc"], ["name", "desc"]];

  it("page through every match exactly once, forward and back, in every order", async () => {
    const all = await t.db
      .select({ id: channels.id, name: channels.name, channelType: channels.channelType, provider: channels.provider, status: channels.status })
      .from(channels)
      .where(eq(channels.tenantId, a.tenantId));
    for (const narrow of QUERIES) {
      for (const [sort, order] of ORDERS) {
        const query = base({ ...narrow, sort, order, limit: 3 });
        // The oracle: the full list in PostgreSQL's order, keeping the matches decided here.
        const matches = (row: (typeof all)[number]) =>
          (!narrow.q || row.name.toLowerCase().includes(narrow.q.toLowerCase())) &&
          (!narrow.type || row.channelType === narrow.type) &&
          (!narrow.provider || row.provider === narrow.provider) &&
          (!narrow.status || row.status === narrow.status);
        const matching = new Set(all.filter(matches).map((row) => row.id));
        const expected = (await expectedIds(a, sort, order)).filter((id) => matching.has(id));
        expect(expected.length, JSON.stringify(narrow)).toBeGreaterThan(3);
        const { pages, last } = await walkForward(a, query);
        expect(pages.flat(), `${JSON.stringify(narrow)} by ${sort} ${order}`).toEqual(expected);
        const back: string[][] = [last.items.map((item) => item.id)];
        for (let before = last.prevCursor; before; ) {
          const page = await listChannels(t.db, a, { ...query, before });
          back.unshift(page.items.map((item) => item.id));
          before = page.prevCursor;
        }
        expect(back).toEqual(pages);
      }
    }
  });
});

describe("listChannels: tampered cursors", () => {
  // One of each kind (the full list is in channel-list.test.ts): none may reach PostgreSQL as an error.
  const tampered = (sort: ChannelListSort) =>
    ["not-base64!!", [sort, "a", "not-a-uuid"], [sort, sort === "name" ? "x".repeat(300) : "2024-02-30T00:00:00.000000Z", randomUUID()]].map(
      (value) => (typeof value === "string" ? value : Buffer.from(JSON.stringify(value)).toString("base64url")),
    );

  for (const sort of CHANNEL_LIST_SORTS) {
    it(`answers the first page for a tampered ${sort} cursor, never an error`, async () => {
      const first = await listChannels(t.db, a, base({ sort, limit: 5 }));
      for (const cursor of tampered(sort)) {
        const after = await listChannels(t.db, a, base({ sort, limit: 5, after: cursor }));
        expect(after.items).toEqual(first.items);
        expect(after.prevCursor).toBeNull();
        const before = await listChannels(t.db, a, base({ sort, limit: 5, before: cursor }));
        expect(before.items).toEqual(first.items);
      }
    });
  }

  it("accepts a well-formed cursor with an unknown key as a position", async () => {
    const page = await listChannels(t.db, a, base({ sort: "created", order: "asc", after: encodeCursor("created", { key: "2024-06-01T00:00:00.000000Z", id: randomUUID() }), limit: 100 }));
    expect(page.items.every((item) => item.createdAt >= new Date("2024-06-01T12:00:00.5Z"))).toBe(true);
    expect(page.items.length).toBeGreaterThan(0);
  });
});
