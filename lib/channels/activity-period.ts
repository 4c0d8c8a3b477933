import { z } from "zod";
import { addDays, rangeLength, toDayNumber } from "@/lib/service-time/dates";
import { localDateTime } from "@/lib/service-time/work-time";

/*
 * The period of the channel page's activity counters, carried in the URL:
 * ?period=24h|7d|30d, or ?period=custom&from=YYYY-MM-DD&to=YYYY-MM-DD (both days included, in the
 * tenant's time zone). A link that cannot be understood shows the default period with the reason,
 * never an error page, so a hand-edited URL can be corrected from the page itself.
 */

export const ACTIVITY_PRESETS = ["24h", "7d", "30d"] as const;
export type ActivityPreset = (typeof ACTIVITY_PRESETS)[number];
export const DEFAULT_ACTIVITY_PRESET: ActivityPreset = "7d";

/** A year and a leap day: "the same day last year" still fits. */
export const MAX_CUSTOM_DAYS = 366;

/** Day numbers (and Date.UTC) are only sound from 1970 on; nothing older can hold webhook traffic. */
const EARLIEST_DATE = "1970-01-01";
const LATEST_DATE = "9999-12-30";

const PRESET_MS: Record<ActivityPreset, number> = {
  "24h": 24 * 3_600_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
};

export type ActivityPeriod = { kind: "preset"; preset: ActivityPreset } | { kind: "custom"; from: string; to: string };

/** Message-catalog keys under channelActivity.period.errors. */
export const ACTIVITY_PERIOD_ERRORS = ["periodInvalid", "dateInvalid", "dateOutOfRange", "rangeIncomplete", "fromAfterTo", "rangeTooLong"] as const;
export type ActivityPeriodError = (typeof ACTIVITY_PERIOD_ERRORS)[number];

/** A repeated parameter counts by its first value; an empty field counts as absent. */
const single = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() === "" ? undefined : first;
};

const isoDate = z.iso.date();
const param = z.preprocess(single, z.string().optional());

export const activityPeriodQuerySchema = z
  .object({
    period: z.preprocess(single, z.enum([...ACTIVITY_PRESETS, "custom"], { error: "periodInvalid" }).optional()),
    // Checked only for custom periods: a preset link may carry stale dates, which it ignores.
    from: param,
    to: param,
  })
  .superRefine((query, ctx) => {
    if (!isCustom(query)) return;
    const { from, to } = query;
    if (!from || !to) return void ctx.addIssue({ code: "custom", message: "rangeIncomplete", path: [from ? "to" : "from"] });
    for (const [field, value] of [["from", from], ["to", to]] as const) {
      if (!isoDate.safeParse(value).success) return void ctx.addIssue({ code: "custom", message: "dateInvalid", path: [field] });
      if (value < EARLIEST_DATE || value > LATEST_DATE) return void ctx.addIssue({ code: "custom", message: "dateOutOfRange", path: [field] });
    }
    if (from > to) ctx.addIssue({ code: "custom", message: "fromAfterTo", path: ["from"] });
    else if (rangeLength(from, to) > MAX_CUSTOM_DAYS) ctx.addIssue({ code: "custom", message: "rangeTooLong", path: ["to"] });
  })
  .transform((query): ActivityPeriod => {
    if (isCustom(query)) return { kind: "custom", from: query.from!, to: query.to! };
    return { kind: "preset", preset: (query.period as ActivityPreset | undefined) ?? DEFAULT_ACTIVITY_PRESET };
  });

/** Dates without a preset mean custom dates: the custom form may be submitted without its hidden field. */
function isCustom(query: { period?: string; from?: string; to?: string }): boolean {
  return query.period === "custom" || (query.period === undefined && (query.from !== undefined || query.to !== undefined));
}

export interface ParsedActivityPeriod {
  period: ActivityPeriod;
  /** Why the URL's period was not used (the default is shown instead); null when it was. */
  error: ActivityPeriodError | null;
  /** The custom dates as typed, to show them again in the form next to the error. */
  input: { from: string; to: string };
}

const DEFAULT_PERIOD: ActivityPeriod = { kind: "preset", preset: DEFAULT_ACTIVITY_PRESET };

/** Parses Next's `searchParams`; never throws. */
export function parseActivityPeriod(searchParams: Record<string, string | string[] | undefined>): ParsedActivityPeriod {
  const echo = (value: unknown) => String(single(value) ?? "").slice(0, 10);
  const input = { from: echo(searchParams.from), to: echo(searchParams.to) };
  const result = activityPeriodQuerySchema.safeParse(searchParams);
  if (result.success) return { period: result.data, error: null, input };
  const message = result.error.issues[0]?.message;
  const error = (ACTIVITY_PERIOD_ERRORS as readonly string[]).includes(message ?? "") ? (message as ActivityPeriodError) : "periodInvalid";
  return { period: DEFAULT_PERIOD, error, input };
}

/**
 * The period as instants, half-open [from, to): a preset ends now; custom dates run from the
 * start of `from` to the end of `to` in the tenant's time zone.
 */
export function resolveActivityPeriod(period: ActivityPeriod, options: { now: Date; timeZone: string }): { from: Date; to: Date } {
  if (period.kind === "preset") return { from: new Date(options.now.getTime() - PRESET_MS[period.preset]), to: options.now };
  return { from: startOfDayIn(period.from, options.timeZone), to: startOfDayIn(addDays(period.to, 1), options.timeZone) };
}

const MINUTES_PER_DAY = 1_440;

/**
 * The first instant of `date` in `timeZone`: start from UTC midnight and correct by the zone's
 * offset until the wall clock reads 00:00 (twice suffices across a DST change). Where a zone skips
 * midnight itself (clocks jump 00:00 → 01:00), the correction can land on the previous evening:
 * then the day begins where that evening ends.
 */
export function startOfDayIn(date: string, timeZone: string): Date {
  const target = toDayNumber(date) * MINUTES_PER_DAY;
  let instant = target * 60_000;
  for (let round = 0; round < 3; round++) {
    const local = localDateTime(new Date(instant), timeZone);
    const drift = toDayNumber(local.date) * MINUTES_PER_DAY + local.minuteOfDay - target;
    if (drift === 0) break;
    instant -= drift * 60_000;
  }
  const local = localDateTime(new Date(instant), timeZone);
  if (local.date < date) instant += (MINUTES_PER_DAY - local.minuteOfDay) * 60_000;
  return new Date(instant);
}

/** The channel page's URL for a period; the default period is the bare page. */
export function activityPeriodHref(basePath: string, period: ActivityPeriod): string {
  if (period.kind === "preset") return period.preset === DEFAULT_ACTIVITY_PRESET ? basePath : `${basePath}?period=${period.preset}`;
  return `${basePath}?${new URLSearchParams({ period: "custom", from: period.from, to: period.to })}`;
}
