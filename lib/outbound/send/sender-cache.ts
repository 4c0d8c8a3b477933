import type { Db } from "@/db/client";
import { channelSender, type ChannelSender } from "./channel-sender";

/*
 * A worker sends many messages on one channel in a row (a burst of automatic replies, the bench):
 * reading the channel, its certificates and decrypting its secrets for each would cost more than
 * the send. Each channel's sender is kept for a few seconds, in this process's memory only, so an
 * edited token or a disabled channel takes effect within that time.
 */

export const SENDER_CACHE_MS = 5_000;

export function cachedChannelSenders(ttlMs: number = SENDER_CACHE_MS): typeof channelSender {
  const cache = new Map<string, { at: number; sender: Promise<ChannelSender> }>();
  return (db: Db, tenantId: string, channelId: string) => {
    const key = `${tenantId}:${channelId}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.sender;
    for (const [old, entry] of cache) if (now - entry.at >= ttlMs) cache.delete(old);
    const sender = channelSender(db, tenantId, channelId);
    cache.set(key, { at: now, sender });
    // A failed read is not kept: the next send tries again.
    sender.catch(() => cache.delete(key));
    return sender;
  };
}
