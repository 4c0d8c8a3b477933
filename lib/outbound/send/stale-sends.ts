import { getChannel } from "@/db/queries/channels";
import type { Db } from "@/db/client";
import { lockStaleSends, markOutboundFailed, requeueOutboundMessage } from "@/db/queries/outbound-messages";
import { variantOfRow } from "@/lib/channels/record";
import { IDEMPOTENT_VARIANTS } from "./channel-sender";
import { SEND_ERROR_CODES } from "./policy";

/*
 * A message still "sending" long after any send could have ended belongs to a worker that died
 * mid-send: the request may or may not have reached the provider, and no answer was recorded.
 * Where the provider takes our id as an idempotency key (Infobip) it is sent again, safely; anywhere
 * else it is failed as "interrupted" for the administrator to judge, never resent blindly.
 */

export const INTERRUPTED_MESSAGE = "the worker stopped while sending: the provider may or may not have received the message";

/**
 * How long a send can take at most: a BSP on oAuth makes up to four calls (token, send, and both
 * again after a refused cached token), each bounded by the outbound timeout; plus a margin.
 */
export function defaultStaleAfterMs(timeoutMs: number): number {
  return 4 * timeoutMs + 5_000;
}

export async function recoverStaleSends(db: Db, staleAfterMs: number, now: number = Date.now()): Promise<{ requeued: number; failed: number }> {
  const counts = { requeued: 0, failed: 0 };
  await db.transaction(async (tx) => {
    for (const stale of await lockStaleSends(tx, new Date(now - staleAfterMs))) {
      const scope = { tenantId: stale.tenantId };
      const channel = await getChannel(tx, scope, stale.channelId);
      if (channel && IDEMPOTENT_VARIANTS.has(variantOfRow(channel))) {
        await requeueOutboundMessage(tx, scope, stale.id, new Date(now), { code: SEND_ERROR_CODES.interrupted, message: INTERRUPTED_MESSAGE });
        counts.requeued++;
      } else {
        await markOutboundFailed(tx, scope, stale.id, { code: SEND_ERROR_CODES.interrupted, message: INTERRUPTED_MESSAGE });
        counts.failed++;
      }
    }
  });
  return counts;
}
