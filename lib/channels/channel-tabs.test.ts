import { describe, expect, it } from "vitest";
import { CHANNEL_TABS, channelTabHref, channelTabsOf, parseChannelTab } from "./channel-tabs";

const ID = "5f0c6a1e-2b7d-4c1a-9f3e-8d2b1a0c9e7f";

describe("channelTabsOf", () => {
  it("offers Provider only to providers with provider tools, Activity first", () => {
    expect(channelTabsOf(true)).toEqual(["activity", "configuration", "integration", "provider"]);
    expect(channelTabsOf(false)).toEqual(["activity", "configuration", "integration"]);
  });
});

describe("parseChannelTab", () => {
  const all = channelTabsOf(true);
  it("answers each known tab", () => {
    for (const tab of CHANNEL_TABS) expect(parseChannelTab(tab, all)).toBe(tab);
  });
  it("falls back to Activity when the tab is missing, unknown or differently cased", () => {
    expect(parseChannelTab(undefined, all)).toBe("activity");
    expect(parseChannelTab("", all)).toBe("activity");
    expect(parseChannelTab("secrets", all)).toBe("activity");
    expect(parseChannelTab("Configuration", all)).toBe("activity");
  });
  it("takes the first of repeated params", () => {
    expect(parseChannelTab(["integration", "provider"], all)).toBe("integration");
  });
  it("falls back to Activity for Provider on a channel without provider tools", () => {
    expect(parseChannelTab("provider", channelTabsOf(false))).toBe("activity");
  });
});

describe("channelTabHref", () => {
  it("gives Activity the bare channel URL and the others a tab param", () => {
    expect(channelTabHref(ID, "activity")).toBe(`/channels/${ID}`);
    expect(channelTabHref(ID, "configuration")).toBe(`/channels/${ID}?tab=configuration`);
    expect(channelTabHref(ID, "provider")).toBe(`/channels/${ID}?tab=provider`);
  });
});
