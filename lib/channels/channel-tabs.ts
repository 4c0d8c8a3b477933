/*
 * The channel page's tabs, chosen by `?tab=` so each one is linkable, works without JavaScript and
 * loads only its own data. Activity comes first and is the default, because "is it working?" is
 * what brings an administrator to a channel.
 */

export const CHANNEL_TABS = ["activity", "configuration", "integration", "provider"] as const;
export type ChannelTab = (typeof CHANNEL_TABS)[number];

export const DEFAULT_CHANNEL_TAB: ChannelTab = "activity";

/** The tabs a channel shows: Provider only for providers with provider tools. */
export function channelTabsOf(hasProviderTools: boolean): ChannelTab[] {
  return CHANNEL_TABS.filter((tab) => tab !== "provider" || hasProviderTools);
}

/**
 * The selected tab from the raw search param. Anything unknown, repeated or not offered for this
 * channel (an old link to Provider after a provider change) falls back to the default tab rather
 * than failing: a stale bookmark should still open the channel.
 */
export function parseChannelTab(raw: string | string[] | undefined, available: readonly ChannelTab[]): ChannelTab {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return available.find((tab) => tab === value) ?? DEFAULT_CHANNEL_TAB;
}

/** The tab's URL: the default tab has the bare channel URL, so the plain link stays canonical. */
export function channelTabHref(channelId: string, tab: ChannelTab): string {
  const base = `/channels/${channelId}`;
  return tab === DEFAULT_CHANNEL_TAB ? base : `${base}?tab=${tab}`;
}
