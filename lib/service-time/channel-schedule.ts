import "server-only";
import type { DbOrTx } from "@/db/client";
import { getChannelWorkTime } from "@/db/queries/channel-schedule";
import { getWorkCalendar } from "@/db/queries/service-time";
import type { TenantScope } from "@/db/scope";
import { addDays, LOOKAHEAD_DAYS, LOOKBACK_DAYS, type ChannelSchedule } from "./schedule";
import { scheduleView, type ScheduleCalendar, type ScheduleCalendarSnapshot, type ScheduleView } from "./schedule-view";

/**
 * The non-working days a schedule computed at `now` can reach: back as far as "closed since" traces,
 * ahead as far as "opens …" looks. Dates are UTC's, a day wider either side, because the tenant's
 * zone (and so its "today") is read by the same query.
 */
export function calendarWindow(now: Date): { from: string; to: string } {
  const today = now.toISOString().slice(0, 10);
  return { from: addDays(today, -(LOOKBACK_DAYS + 1)), to: addDays(today, LOOKAHEAD_DAYS + 1) };
}

/** The tenant's time zone and the non-working days around `now`, read once, for a page to hand on. */
export async function loadScheduleCalendar(db: DbOrTx, scope: TenantScope, now: Date = new Date()): Promise<ScheduleCalendar> {
  return getWorkCalendar(db, scope, calendarWindow(now));
}

/** The same with the instant it was read for: what the wizard's schedule preview starts from. */
export async function loadScheduleCalendarSnapshot(db: DbOrTx, scope: TenantScope, now: Date = new Date()): Promise<ScheduleCalendarSnapshot> {
  return { calendar: await loadScheduleCalendar(db, scope, now), now: now.toISOString() };
}

/** A channel's status and week at `now` in its tenant's calendar; another tenant's days never count. */
export async function loadChannelSchedule(
  db: DbOrTx,
  scope: TenantScope,
  workTime: ChannelSchedule["workTime"],
  now: Date = new Date(),
): Promise<ScheduleView> {
  const calendar = await loadScheduleCalendar(db, scope, now);
  return scheduleView(now, { workTime, calendar });
}

/** The same by channel id (pages that did not load the channel's work time); null for a channel not in the tenant. */
export async function loadChannelScheduleById(db: DbOrTx, scope: TenantScope, channelId: string, now: Date = new Date()): Promise<ScheduleView | null> {
  const [workTime, calendar] = await Promise.all([getChannelWorkTime(db, scope, channelId), loadScheduleCalendar(db, scope, now)]);
  return workTime ? scheduleView(now, { workTime, calendar }) : null;
}
