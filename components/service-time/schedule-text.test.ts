import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "@/lib/i18n/messages/de";
import en from "@/lib/i18n/messages/en";
import ru from "@/lib/i18n/messages/ru";
import zh from "@/lib/i18n/messages/zh";
import type { ChannelSchedule } from "@/lib/service-time/schedule";
import { scheduleView } from "@/lib/service-time/schedule-view";
import { ScheduleStatusLine } from "./schedule-status";
import { ScheduleWeek } from "./schedule-week";

const catalogs = { en, de, ru, zh };
const seg = (start: string, end: string) => ({ start, end });
const berlin = (workday = [seg("09:00", "17:00")], nonWorkday: { start: string; end: string }[] = [], nonWorkingDays: { startDate: string; endDate: string }[] = []): ChannelSchedule => ({
  workTime: { workday, nonWorkday },
  calendar: { timeZone: "Europe/Berlin", nonWorkingDays },
});

/** Rendered text, as a reader in `locale` whose own zone (Tokyo) is not the tenant's would see it. */
function text(element: ReactElement, locale: keyof typeof catalogs = "en"): string {
  // children go as createElement's third argument; the props type still names them, hence the cast.
  const props = { locale, messages: catalogs[locale], timeZone: "Asia/Tokyo" } as ComponentProps<typeof NextIntlClientProvider>;
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").replace(/&#x27;/g, "'").trim();
}

const status = (now: string, schedule: ChannelSchedule, locale: keyof typeof catalogs = "en") =>
  text(createElement(ScheduleStatusLine, { view: scheduleView(new Date(now), schedule) }), locale).replace(/^[●○] /, "");

describe("ScheduleStatusLine", () => {
  // 2026-12-07 is a Monday; Berlin is UTC+1 in December.
  it("says when an open channel closes, in the tenant's zone, without a day when it is today", () => {
    expect(status("2026-12-07T10:00:00Z", berlin())).toBe("Open now — closes 17:00");
  });

  it("says today / tomorrow / a weekday for the next opening", () => {
    expect(status("2026-12-07T06:00:00Z", berlin())).toBe("Closed — opens today 09:00");
    expect(status("2026-12-07T17:00:00Z", berlin())).toBe("Closed — opens tomorrow 09:00");
    // Friday evening, the weekend (Sat 12th, Sun 13th) non-working without hours: Monday.
    const weekend = berlin(undefined, [], [{ startDate: "2026-12-12", endDate: "2026-12-13" }]);
    expect(status("2026-12-11T17:00:00Z", weekend)).toBe("Closed — opens Monday 09:00");
  });

  it("names a date beyond the coming week, and says so when nothing opens within the look-ahead", () => {
    const holidays = berlin(undefined, [], [{ startDate: "2026-12-08", endDate: "2026-12-20" }]);
    expect(status("2026-12-07T17:00:00Z", holidays)).toBe("Closed — opens Mon, Dec 21 09:00");
    const never = berlin(undefined, [], [{ startDate: "2026-12-01", endDate: "2028-12-31" }]);
    expect(status("2026-12-07T17:00:00Z", never)).toBe("Closed — no opening in the next 400 days");
  });

  it("says the closing day when it is not today (a segment running to 24:00 into the next day's 00:00)", () => {
    const night = berlin([seg("00:00", "06:00"), seg("20:00", "24:00")]);
    expect(status("2026-12-07T21:00:00Z", night)).toBe("Open now — closes tomorrow 06:00");
  });

  it("speaks the reader's language", () => {
    const weekend = berlin(undefined, [], [{ startDate: "2026-12-12", endDate: "2026-12-13" }]);
    expect(status("2026-12-11T17:00:00Z", weekend, "de")).toBe("Geschlossen – öffnet Montag um 09:00");
    expect(status("2026-12-11T17:00:00Z", weekend, "ru")).toBe("Закрыто — открытие: понедельник, 09:00");
    expect(status("2026-12-11T17:00:00Z", weekend, "zh")).toBe("已关闭 — 星期一 09:00 开始营业");
    const never = berlin(undefined, [], [{ startDate: "2026-12-01", endDate: "2028-12-31" }]);
    expect(status("2026-12-07T17:00:00Z", never, "ru")).toBe("Закрыто — открытия нет в ближайшие 400 дней");
  });
});

describe("ScheduleWeek", () => {
  it("lists each day's hours as text and names non-working days", () => {
    const schedule = berlin([seg("13:00", "18:00"), seg("09:00", "12:00")], [], [{ startDate: "2026-12-09", endDate: "2026-12-09" }]);
    const view = scheduleView(new Date("2026-12-07T10:00:00Z"), schedule);
    const week = text(createElement(ScheduleWeek, { week: view.week, today: view.week[0]!.date }));
    expect(week).toContain("Mon, Dec 7 · today Open 09:00–12:00 and 13:00–18:00");
    expect(week).toContain("Wed, Dec 9 Non-working day Closed all day");
    expect(week.match(/Closed all day/g)).toHaveLength(1);
  });
});
