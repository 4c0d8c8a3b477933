import { describe, expect, it } from "vitest";
import { channelListHref, isFiltered, parseChannelListParams, sortLink } from "./channel-list";

const DEFAULTS = { q: "", type: undefined, provider: undefined, status: undefined, sort: "name", order: "asc" };

describe("channel list URL", () => {
  it("defaults to every channel by name, A to Z", () => {
    expect(parseChannelListParams({})).toEqual(DEFAULTS);
  });

  it("keeps valid values", () => {
    expect(
      parseChannelListParams({ q: "  sales_1 ", type: "whatsapp", provider: "cloud-api", status: "disabled", sort: "updated", order: "asc", after: "abc_-1" }),
    ).toEqual({ q: "sales_1", type: "whatsapp", provider: "cloud-api", status: "disabled", sort: "updated", order: "asc", after: "abc_-1" });
  });

  it("falls back to defaults for values it does not know, one by one", () => {
    expect(parseChannelListParams({ type: "sms", provider: "Infobip", status: "paused", sort: "phone", order: "up" })).toEqual(DEFAULTS);
    expect(parseChannelListParams({ type: "telegram", provider: "nope" })).toEqual({ ...DEFAULTS, type: "telegram" });
  });

  it("starts times newest first unless an order is given", () => {
    expect(parseChannelListParams({ sort: "created" })).toMatchObject({ sort: "created", order: "desc" });
    expect(parseChannelListParams({ sort: "created", order: "asc" })).toMatchObject({ sort: "created", order: "asc" });
    expect(parseChannelListParams({ sort: "name", order: "desc" })).toMatchObject({ sort: "name", order: "desc" });
  });

  it("takes the first of repeated parameters and bounds the search", () => {
    expect(parseChannelListParams({ q: ["one", "two"], status: ["enabled", "disabled"] })).toMatchObject({ q: "one", status: "enabled" });
    expect(parseChannelListParams({ q: "x".repeat(500) }).q).toHaveLength(64);
  });

  it("drops malformed cursors and keeps only one direction", () => {
    expect(parseChannelListParams({ after: "not a cursor!" })).toEqual(DEFAULTS);
    expect(parseChannelListParams({ before: "A".repeat(513) })).toEqual(DEFAULTS);
    expect(parseChannelListParams({ after: "abc", before: "def" })).toEqual({ ...DEFAULTS, after: "abc" });
    expect(parseChannelListParams({ after: "", before: "def" })).toEqual({ ...DEFAULTS, before: "def" });
  });

  it("builds links that leave defaults out and drop cursors on any change but paging", () => {
    const params = parseChannelListParams({ q: "a b", status: "enabled", sort: "created", after: "cur" });
    expect(channelListHref(parseChannelListParams({}))).toBe("/channels");
    expect(channelListHref(params)).toBe("/channels?q=a+b&status=enabled&sort=created");
    expect(channelListHref(params, { after: "next", before: undefined })).toBe("/channels?q=a+b&status=enabled&sort=created&after=next");
    expect(channelListHref(params, { before: "prev", after: undefined })).toBe("/channels?q=a+b&status=enabled&sort=created&before=prev");
    expect(channelListHref(params, { sort: "name", order: "desc" })).toBe("/channels?q=a+b&status=enabled&order=desc");
    expect(channelListHref(params, { status: undefined, q: "" })).toBe("/channels?sort=created");
  });
});

describe("channel list sort links", () => {
  it("flip the current column and start another in its default order", () => {
    const byName = parseChannelListParams({ q: "x", after: "cur" });
    expect(sortLink(byName, "name")).toEqual({ href: "/channels?q=x&order=desc", direction: "ascending" });
    expect(sortLink(byName, "updated")).toEqual({ href: "/channels?q=x&sort=updated", direction: "none" });
    const updatedAsc = parseChannelListParams({ sort: "updated", order: "asc" });
    expect(sortLink(updatedAsc, "updated")).toEqual({ href: "/channels?sort=updated", direction: "ascending" });
    expect(sortLink(parseChannelListParams({ sort: "created" }), "created").direction).toBe("descending");
  });

  it("know when the list is narrowed", () => {
    expect(isFiltered(parseChannelListParams({ sort: "created", after: "c" }))).toBe(false);
    expect(isFiltered(parseChannelListParams({ status: "enabled" }))).toBe(true);
    expect(isFiltered(parseChannelListParams({ q: "  " }))).toBe(false);
  });
});
