import { createTranslator } from "next-intl";
import type { ChannelProviderValue, ChannelStatusValue, ChannelTypeValue } from "@/db/schema/channels";
import type { Locale } from "@/lib/i18n/locales";
import { loadMessages, type Messages } from "@/lib/i18n/messages";
import { wallClockFormat } from "@/lib/service-time/time-zones";
import englishCatalog from "@/lib/i18n/messages/en/exportFile.json";

/*
 * Every text an export file shows, in the reader's language, resolved once per export so the
 * writers' hot loops only look strings up. Runs in the plain Node export worker as well as in
 * Next.js, so nothing here may depend on the Next.js server runtime.
 */

export type ExportHeaderKey = keyof Messages["exportFile"]["headers"];

export interface ExportLabels {
  locale: Locale;
  /** The tenant's IANA zone: timestamps are written as wall-clock time there. */
  timeZone: string;
  sheetName: string;
  headers: Readonly<Record<ExportHeaderKey, string>>;
  yes: string;
  no: string;
  channelTypes: Readonly<Record<ChannelTypeValue, string>>;
  providers: Readonly<Record<ChannelProviderValue, string>>;
  verificationMethods: Readonly<Record<"basic" | "oAuth", string>>;
  statuses: Readonly<Record<ChannelStatusValue, string>>;
  /** `YYYY-MM-DD HH:mm:ss` in `timeZone`. */
  formatDateTime: (instant: Date) => string;
}

export async function loadExportLabels(locale: Locale, timeZone: string): Promise<ExportLabels> {
  return createExportLabels(locale, await loadMessages(locale), timeZone);
}

export function createExportLabels(locale: Locale, messages: Messages, timeZone: string): ExportLabels {
  const formatDateTime = createDateTimeFormatter(timeZone);
  const t = createTranslator({
    locale,
    messages,
    namespace: "exportFile",
    timeZone,
    // The catalogs test guarantees every key in every locale; a gap here is a bug, not a fallback case.
    onError: (error) => {
      throw error;
    },
  });
  // English defines the keys; a locale missing one fails loudly through onError.
  const headerKeys = Object.keys(englishCatalog.headers) as ExportHeaderKey[];
  const headers = Object.fromEntries(headerKeys.map((key) => [key, t(`headers.${key}`, { timeZone })])) as Record<
    ExportHeaderKey,
    string
  >;
  return {
    locale,
    timeZone,
    sheetName: t("sheetName"),
    headers,
    yes: t("values.yes"),
    no: t("values.no"),
    channelTypes: { whatsapp: t("channelTypes.whatsapp"), telegram: t("channelTypes.telegram") },
    providers: {
      infobip: t("providers.infobip"),
      other: t("providers.other"),
      "cloud-api": t("providers.cloud-api"),
      twilio: t("providers.twilio"),
      telegram: t("providers.telegram"),
    },
    verificationMethods: { basic: t("verificationMethods.basic"), oAuth: t("verificationMethods.oAuth") },
    statuses: { enabled: t("statuses.enabled"), disabled: t("statuses.disabled") },
    formatDateTime,
  };
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MAX_CACHED_BUCKETS = 100_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));

/**
 * A formatter for `YYYY-MM-DD HH:mm:ss` in `timeZone`. Intl's formatToParts costs ~10 µs a call,
 * too much for 200,000 timestamps, so the zone's UTC offset is worked out once per UTC week: read
 * at both ends and, if they differ, the switch instant found by bisection. This assumes no zone
 * switches twice within a week (Morocco's Ramadan pause, the shortest gap, lasts about a month).
 * Throws a RangeError for a zone Intl does not know.
 */
export function createDateTimeFormatter(timeZone: string): (instant: Date) => string {
  const parts = wallClockFormat(timeZone);
  const wall = new Date(0);

  // Local wall-clock time minus UTC, in ms, at the whole second `ms` falls in.
  const offsetAt = (ms: number): number => {
    const p: Record<string, string> = {};
    for (const part of parts.formatToParts(ms)) p[part.type] = part.value;
    wall.setUTCFullYear(Number(p.year), Number(p.month) - 1, Number(p.day));
    // Some ICU versions spell midnight "24" even with h23.
    wall.setUTCHours(Number(p.hour) % 24, Number(p.minute), Number(p.second), 0);
    return wall.getTime() - Math.floor(ms / 1000) * 1000;
  };

  // Per UTC week: the offset before and after the zone's switch that week, if any (to the second).
  const weeks = new Map<number, { switchAt: number; before: number; after: number }>();
  const weekOf = (index: number) => {
    let week = weeks.get(index);
    if (week === undefined) {
      let low = index * WEEK_MS;
      let high = low + WEEK_MS - 1000;
      const before = offsetAt(low);
      const after = offsetAt(high);
      // Binary search for the first second with the new offset: ~20 lookups, only in a switch week.
      while (before !== after && high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetAt(middle) === before) low = middle;
        else high = middle;
      }
      week = { switchAt: before === after ? Infinity : high, before, after };
      if (weeks.size >= MAX_CACHED_BUCKETS) weeks.clear();
      weeks.set(index, week);
    }
    return week;
  };

  // "YYYY-MM-DD " per local day number: the calendar arithmetic runs once a day, not once a cell.
  const dayPrefixes = new Map<number, string>();
  const dayPrefix = (day: number): string => {
    let prefix = dayPrefixes.get(day);
    if (prefix === undefined) {
      wall.setTime(day * DAY_MS);
      prefix =
        `${String(wall.getUTCFullYear()).padStart(4, "0")}-` +
        `${TWO_DIGITS[wall.getUTCMonth() + 1]}-${TWO_DIGITS[wall.getUTCDate()]} `;
      if (dayPrefixes.size >= MAX_CACHED_BUCKETS) dayPrefixes.clear();
      dayPrefixes.set(day, prefix);
    }
    return prefix;
  };

  return (instant) => {
    const ms = instant.getTime();
    if (!Number.isFinite(ms)) throw new RangeError("Cannot format an invalid date");
    const utcSeconds = Math.floor(ms / 1000);
    // Keyed by the week's index, a small integer, which Map hashes much faster than a large double.
    const week = weekOf(Math.floor(ms / WEEK_MS));
    const localSeconds = utcSeconds + (utcSeconds * 1000 < week.switchAt ? week.before : week.after) / 1000;
    const day = Math.floor(localSeconds / 86_400);
    const second = localSeconds - day * 86_400;
    const minute = Math.floor(second / 60);
    return (
      dayPrefix(day) + TWO_DIGITS[Math.floor(minute / 60)] + ":" + TWO_DIGITS[minute % 60] + ":" + TWO_DIGITS[second % 60]
    );
  };
}
