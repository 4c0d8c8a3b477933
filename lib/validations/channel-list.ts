import { z } from "zod";
import { CHANNEL_LIST_SORTS, type ChannelListQuery, type ChannelListSort, type SortOrder } from "@/db/queries/channel-list";
import { CHANNEL_PROVIDERS, CHANNEL_STATUSES, CHANNEL_TYPES } from "@/db/schema/channels";

/*
 * The channel list's URL: ?q=&type=&provider=&status=&sort=&order=&after=&before=. Every value
 * that is not understood falls back to its default, so a hand-edited or outdated link still
 * shows a list the person can then correct.
 */

/** Longer than any channel name (64): nothing could match, so the rest is dropped. */
export const SEARCH_MAX_LENGTH = 64;

/** The order a column starts in when it is chosen: names A→Z, times newest first. */
export const DEFAULT_ORDER: Record<ChannelListSort, SortOrder> = { name: "asc", created: "desc", updated: "desc" };

/** A repeated parameter (?q=a&q=b) counts by its first value. */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(first, z.enum(values).optional()).catch(undefined);
const cursor = z.preprocess(first, z.string().regex(/^[A-Za-z0-9_-]{1,512}$/).optional()).catch(undefined);

export const channelListQuerySchema = z
  .object({
    q: z.preprocess(first, z.string().transform((q) => q.trim().slice(0, SEARCH_MAX_LENGTH))).catch(""),
    type: optionalEnum(CHANNEL_TYPES),
    provider: optionalEnum(CHANNEL_PROVIDERS),
    status: optionalEnum(CHANNEL_STATUSES),
    sort: z.preprocess(first, z.enum(CHANNEL_LIST_SORTS)).catch("name"),
    order: optionalEnum(["asc", "desc"] as const),
    after: cursor,
    before: cursor,
  })
  .transform(({ after, before, ...query }): ChannelListParams => ({
    ...query,
    order: query.order ?? DEFAULT_ORDER[query.sort],
    // Both directions at once cannot be meant: keep the forward one.
    ...(after ? { after } : before ? { before } : {}),
  }));

export type ChannelListParams = Omit<ChannelListQuery, "limit">;

/** Parses Next's `searchParams`; never throws. */
export function parseChannelListParams(searchParams: Record<string, string | string[] | undefined>): ChannelListParams {
  return channelListQuerySchema.parse(searchParams);
}

/**
 * The URL of the list with `changes` applied. Parameters at their default are left out, and any
 * change but paging drops the cursors, since a cursor belongs to one search, filter and sort.
 */
export function channelListHref(params: ChannelListParams, changes: Partial<ChannelListParams> = {}): string {
  const paging = "after" in changes || "before" in changes;
  const next = { ...params, ...(paging ? {} : { after: undefined, before: undefined }), ...changes };
  const search = new URLSearchParams();
  if (next.q) search.set("q", next.q);
  if (next.type) search.set("type", next.type);
  if (next.provider) search.set("provider", next.provider);
  if (next.status) search.set("status", next.status);
  if (next.sort !== "name") search.set("sort", next.sort);
  if (next.order !== DEFAULT_ORDER[next.sort]) search.set("order", next.order);
  if (next.after) search.set("after", next.after);
  else if (next.before) search.set("before", next.before);
  const query = search.toString();
  return query ? `/channels?${query}` : "/channels";
}

export interface SortLink {
  href: string;
  /** For the column header's aria-sort. */
  direction: "ascending" | "descending" | "none";
}

/** A sortable column's link: the current column flips its order, another starts in its default. */
export function sortLink(params: ChannelListParams, sort: ChannelListSort): SortLink {
  if (params.sort !== sort) return { href: channelListHref(params, { sort, order: DEFAULT_ORDER[sort] }), direction: "none" };
  return {
    href: channelListHref(params, { order: params.order === "asc" ? "desc" : "asc" }),
    direction: params.order === "asc" ? "ascending" : "descending",
  };
}

/** Whether a search or filter narrows the list (sort and cursors do not). */
export const isFiltered = (params: ChannelListParams) => Boolean(params.q || params.type || params.provider || params.status);
