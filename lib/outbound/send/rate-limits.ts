import type pg from "pg";
import { RateLimiterRes, type RateLimiterPostgres } from "rate-limiter-flexible";
import { postgresLimiter } from "@/lib/rate-limit/postgres";
import type { ChannelVariant } from "@/lib/validations/channels/information";

/*
 * Sends per second per channel, counted in PostgreSQL (rate_limits, one atomic upsert per send), so
 * the limit holds across every worker process and instance. Defaults from each provider's
 * documented limit (../shared/outbound.md §6); 0 means no limit of ours (the provider's 429 still
 * slows us down).
 */

export type SendRateGroup = "cloud-api" | "twilio" | "telegram" | "infobip" | "bsp";

export const DEFAULT_SEND_RATES: Record<SendRateGroup, number> = {
  /** Meta: 80 messages/s per business number (Cloud API throughput, before any upgrade). */
  "cloud-api": 80,
  /** Twilio: a WhatsApp sender's default 10 messages/s. */
  twilio: 10,
  /** Telegram: about 30 messages/s for bulk sends (Bot FAQ). */
  telegram: 30,
  /** Infobip publishes no WhatsApp send limit of its own; the number's Meta throughput is the ceiling. */
  infobip: 80,
  /** The customer-built BSP relays to WhatsApp as Infobip does: Meta's per-number default. */
  bsp: 80,
};

export const SEND_RATE_ENV: Record<SendRateGroup, string> = {
  "cloud-api": "OUTBOUND_SEND_RATE_CLOUD_API",
  twilio: "OUTBOUND_SEND_RATE_TWILIO",
  telegram: "OUTBOUND_SEND_RATE_TELEGRAM",
  infobip: "OUTBOUND_SEND_RATE_INFOBIP",
  bsp: "OUTBOUND_SEND_RATE_BSP",
};

export function rateGroupOf(variant: ChannelVariant): SendRateGroup {
  return variant === "other-basic" || variant === "other-oAuth" ? "bsp" : variant;
}

/** Each group's sends per second from the environment; a bad value refuses the start in one sentence. */
export function sendRates(env: Partial<Record<string, string>> = process.env): Record<SendRateGroup, number> {
  const rates = { ...DEFAULT_SEND_RATES };
  for (const group of Object.keys(rates) as SendRateGroup[]) {
    const name = SEND_RATE_ENV[group];
    const value = env[name]?.trim();
    if (!value) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a whole number of sends per second (0: no limit)`);
    rates[group] = number;
  }
  return rates;
}

export interface ChannelRateLimiter {
  /** Waits until the channel may send one more message now, then counts it. */
  acquire(group: SendRateGroup, channelId: string, signal?: AbortSignal): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function channelRateLimiter(pool: pg.Pool, rates: Record<SendRateGroup, number>): ChannelRateLimiter {
  const limiters = new Map<SendRateGroup, RateLimiterPostgres>();
  for (const group of Object.keys(rates) as SendRateGroup[]) {
    if (rates[group] > 0) limiters.set(group, postgresLimiter(pool, { keyPrefix: `outbound-send:${group}`, points: rates[group], durationSeconds: 1 }));
  }
  return {
    async acquire(group, channelId, signal) {
      const limiter = limiters.get(group);
      if (!limiter) return;
      for (;;) {
        if (signal?.aborted) throw signal.reason ?? new Error("aborted");
        try {
          await limiter.consume(channelId);
          return;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          // The window ends within a second: waiting here keeps the send's order and costs one job slot.
          await sleep(Math.max(5, error.msBeforeNext));
        }
      }
    },
  };
}
