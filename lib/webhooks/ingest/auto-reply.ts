import type { AutoReplyRow, EventRow } from "@/db/queries/webhook-ingest";
import { closedPeriodKey, type ChannelSchedule } from "@/lib/service-time/schedule";

/*
 * Issue 16's non-working-time notification, decided where a customer message is stored: the
 * channel's notice goes back to the customer once per closed period. The decision is pure and
 * in memory (the channel cache holds the schedule); the batch writer inserts the reply and its send
 * job in the statement that stores the message, keyed by (channel, customer, period), so a
 * duplicate delivery, a parallel one or a retry after a crash cannot queue a second reply.
 */

export interface AutoReplySettings {
  text: string;
  schedule: ChannelSchedule;
  /** The tenant calendar version the schedule was read at: the write is stale if it changed since. */
  calendarVersion: number;
}

/** A message whose provider time is older than this gets no reply: a provider retrying yesterday's message. */
export const DEFAULT_AUTO_REPLY_MAX_AGE_MS = 60 * 60_000;

export function autoReplySettings(notice: string, schedule: ChannelSchedule, calendarVersion: number): AutoReplySettings | null {
  return notice.trim() === "" ? null : { text: notice, schedule, calendarVersion };
}

/**
 * The reply a stored event would get, or null: only a customer message with a sender, on a channel
 * with a notice, no older than `maxAgeMs` when it arrived, sent while the channel was closed. The
 * instant decided on is the message's own time (a message written at 17:59 and delivered at 18:01
 * was written during work time), never later than its arrival.
 */
export function autoReplyFor(settings: AutoReplySettings | null, event: EventRow, receivedAt: Date, maxAgeMs: number): AutoReplyRow | null {
  if (!settings || event.kind !== "message" || !event.fromAddress) return null;
  const written = Math.min(event.occurredAt.getTime(), receivedAt.getTime());
  if (Number.isNaN(written) || receivedAt.getTime() - written > maxAgeMs) return null;
  const period = closedPeriodKey(new Date(written), settings.schedule);
  if (period === null) return null;
  const recipient = replyAddress(event.fromAddress);
  return { recipient, text: settings.text, dedupeKey: `auto-reply:${recipient}:${period}` };
}

/** Twilio names a WhatsApp sender "whatsapp:+1…"; its send client adds the prefix itself. Others pass as given. */
export function replyAddress(from: string): string {
  return from.replace(/^whatsapp:/, "");
}

/** AUTO_REPLY_MAX_AGE_MINUTES, or the default; a bad value throws one sentence naming the variable. */
export function autoReplyMaxAgeMs(env: Partial<Record<string, string>> = process.env): number {
  const raw = env.AUTO_REPLY_MAX_AGE_MINUTES;
  if (raw === undefined || raw === "") return DEFAULT_AUTO_REPLY_MAX_AGE_MS;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error("AUTO_REPLY_MAX_AGE_MINUTES must be a positive whole number of minutes");
  return minutes * 60_000;
}
