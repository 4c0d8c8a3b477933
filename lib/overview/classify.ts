/*
 * The Overview's answer to "is anything broken?": every channel of the tenant lands in exactly one
 * of four states. Failing wins over receiving, because a channel that accepted a delivery an hour
 * ago and rejects every call since is broken now.
 */

const HOUR_MS = 3_600_000;

/** Rejections this recent make a channel failing: the provider is being refused right now. */
export const FAILING_WINDOW_MS = HOUR_MS;
/**
 * A channel that accepted a webhook within this window is receiving; an enabled one that did not is
 * silent. A day, because customer traffic has quiet nights and weekends' mornings: an hour would
 * call half of a small tenant's channels silent every night, a week would hide a broken one for days.
 */
export const RECEIVING_WINDOW_MS = 24 * HOUR_MS;

export type ChannelState = "receiving" | "silent" | "failing" | "disabled";
export type FailingCause = "rejections" | "connectionCheck";

/** What the classification needs of one channel (db/queries/overview.ts reads it). */
export interface ChannelHealthInput {
  id: string;
  name: string;
  status: "enabled" | "disabled";
  /** The newest accepted (or duplicate) delivery on any of the channel's webhook URLs. */
  lastAcceptedAt: Date | null;
  /** Rejected calls since `now - FAILING_WINDOW_MS`, the rate-limited ones included. */
  recentRejections: number;
  lastRejectionReason: string | null;
  /** The latest Check connection result, if the channel was ever checked. */
  lastCheck: { outcome: "passed" | "failed" | "warning"; checkedAt: Date } | null;
}

export interface ClassifiedChannel extends ChannelHealthInput {
  state: ChannelState;
  /** Why a failing channel is failing (empty otherwise). */
  causes: FailingCause[];
}

export function classifyChannel(channel: ChannelHealthInput, now: Date): ClassifiedChannel {
  if (channel.status === "disabled") return { ...channel, state: "disabled", causes: [] };
  const causes: FailingCause[] = [];
  if (channel.recentRejections > 0) causes.push("rejections");
  if (channel.lastCheck?.outcome === "failed") causes.push("connectionCheck");
  if (causes.length > 0) return { ...channel, state: "failing", causes };
  const receiving = channel.lastAcceptedAt !== null && now.getTime() - channel.lastAcceptedAt.getTime() <= RECEIVING_WINDOW_MS;
  return { ...channel, state: receiving ? "receiving" : "silent", causes: [] };
}

export interface ChannelSummary {
  total: number;
  counts: Record<ChannelState, number>;
  /** Most rejections first, then by name: the worst first. */
  failing: ClassifiedChannel[];
  /** Silent longest first (never-called channels first of all), then by name. */
  silent: ClassifiedChannel[];
}

const byName = (a: ClassifiedChannel, b: ClassifiedChannel) => a.name.localeCompare(b.name);

export function summarizeChannels(channels: readonly ChannelHealthInput[], now: Date): ChannelSummary {
  const counts: Record<ChannelState, number> = { receiving: 0, silent: 0, failing: 0, disabled: 0 };
  const failing: ClassifiedChannel[] = [];
  const silent: ClassifiedChannel[] = [];
  for (const channel of channels) {
    const classified = classifyChannel(channel, now);
    counts[classified.state] += 1;
    if (classified.state === "failing") failing.push(classified);
    if (classified.state === "silent") silent.push(classified);
  }
  failing.sort((a, b) => b.recentRejections - a.recentRejections || byName(a, b));
  silent.sort((a, b) => (a.lastAcceptedAt?.getTime() ?? -Infinity) - (b.lastAcceptedAt?.getTime() ?? -Infinity) || byName(a, b));
  return { total: channels.length, counts, failing, silent };
}
