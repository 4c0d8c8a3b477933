import type { Db } from "@/db/client";
import { findChannelByWebhookKey } from "@/db/queries/webhook-channels";
import type { WebhookEndpoint } from "@/db/schema/webhooks";
import { WEBHOOK_KEY_PATTERN } from "@/lib/channels/integration";
import type { Keyring } from "@/lib/crypto/secrets";
import { moduleLog } from "@/lib/log/logger";
import type { CallWriter } from "./call-writer";
import { createChannelCache, type CachedChannel } from "./channel-cache";
import { createRejectionLimiter } from "./rejection-limiter";
import { unavailableOrThrow, webhookError } from "./responses";
import type { WebhookReply } from "./transport";
import { ENDPOINTS_BY_SEGMENT, servesSegment, toWebhookChannel, type WebhookChannel, type WebhookSegment } from "./webhook-channel";

/*
 * The first step of every call: which channel and which of its URLs the path names. The key must
 * look like a key, the path segment must be the channel's provider and the last segment one of its
 * URLs, else 404 unknownChannelKey; a disabled channel answers the same 404. Channels come from a
 * per-process cache (channel-cache.ts); `fresh` reads the channel again first.
 */

export interface WebhookTarget {
  segment: WebhookSegment;
  channelKey: string;
  /** The last path segment (message / report / status); absent for one-URL providers. */
  endpoint?: string;
}

export type Identified = { ok: true; channel: WebhookChannel; endpoint: WebhookEndpoint } | { ok: false; response: WebhookReply };

export interface ChannelIdentifier {
  identify(target: WebhookTarget, method: string, started: number, fresh?: boolean): Promise<Identified>;
  /** A failed authentication may read its channel again (a replaced secret): at most once per `recheckAfterMs` per key. */
  mayRecheck(channelKey: string): boolean;
}

export interface ChannelIdentifierOptions {
  channelTtlMs: number;
  /** A failed authentication reads its channel again (a replaced secret), at most once per this many ms per key. */
  recheckAfterMs: number;
}

export function createChannelIdentifier(
  deps: { db: Db; keyring: Keyring; calls: CallWriter },
  options: ChannelIdentifierOptions,
): ChannelIdentifier {
  const cache = createChannelCache<WebhookChannel>({
    load: async (key) => {
      const row = await findChannelByWebhookKey(deps.db, key);
      return row ? toWebhookChannel(row, deps.keyring) : null;
    },
    ttlMs: options.channelTtlMs,
    maxEntries: 10_000,
  });
  const unknownKeys = createRejectionLimiter({ windowMs: 60_000, maxKeys: 1 });
  const failureRechecks = createRejectionLimiter({ windowMs: options.recheckAfterMs, maxKeys: 10_000 });

  async function identify(target: WebhookTarget, method: string, started: number, fresh = false): Promise<Identified> {
    const endpoint = endpointOf(target.segment, target.endpoint);
    if (!endpoint || !WEBHOOK_KEY_PATTERN.test(target.channelKey)) return { ok: false, response: unknownKey(target) };
    let entry: CachedChannel<WebhookChannel>;
    try {
      entry = fresh ? await cache.reload(target.channelKey) : await cache.get(target.channelKey);
    } catch (error) {
      return { ok: false, response: unavailableOrThrow(error) };
    }
    const channel = entry.value;
    if (!channel || !servesSegment(channel, target.segment)) return { ok: false, response: unknownKey(target) };
    if (!channel.enabled) {
      // Never refuse on a cached "disabled": the channel may have been enabled since (one indexed read, as for an unknown key).
      if (!fresh) return identify(target, method, started, true);
      deps.calls.reject(channel, endpoint, method, 404, "channelDisabled", started);
      return { ok: false, response: webhookError(404, "channelDisabled") };
    }
    return { ok: true, channel, endpoint };
  }

  function unknownKey(target: WebhookTarget): WebhookReply {
    const decision = unknownKeys.admit("unknown", Date.now());
    if (decision.log) {
      // No channel to log on: the process log says it happens, without the key (a flood of random keys).
      moduleLog("webhooks").warn({ route: `/api/webhooks/${target.segment}`, provider: target.segment, status: 404, suppressed: decision.suppressed }, "call to an unknown channel key");
    }
    return webhookError(404, "unknownChannelKey");
  }

  return {
    identify,
    mayRecheck: (channelKey) => failureRechecks.admit(channelKey, Date.now()).log,
  };
}

function endpointOf(segment: WebhookSegment, endpoint: string | undefined): WebhookEndpoint | null {
  const served = ENDPOINTS_BY_SEGMENT[segment] as readonly WebhookEndpoint[];
  if (endpoint === undefined) return served.length === 1 ? served[0]! : null;
  return served.length > 1 && served.includes(endpoint as WebhookEndpoint) ? (endpoint as WebhookEndpoint) : null;
}
