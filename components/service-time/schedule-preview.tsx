"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { completeSegments, scheduleView } from "@/lib/service-time/schedule-view";
import { useScheduleCalendar } from "./schedule-calendar";
import { ScheduleStatusLine } from "./schedule-status";
import { ScheduleWeek } from "./schedule-week";

const TICK_MS = 60_000;

type SegmentsValue = { start?: unknown; end?: unknown }[] | undefined;

/**
 * The work-time step's live preview: the form's current segments laid on the tenant calendar in the
 * browser, as they would be saved (incomplete segments left out). Inside the step's FormProvider.
 */
export function SchedulePreview() {
  const t = useTranslations("schedule");
  const context = useScheduleCalendar();
  const workTime = useWatch({ name: "workTime" }) as { workday?: SegmentsValue; nonWorkday?: SegmentsValue } | undefined;
  // The server's instant first, so the page hydrates to the same text; then the browser's clock.
  const [now, setNow] = useState(() => (context ? new Date(context.now) : new Date()));
  useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const every = setInterval(tick, TICK_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, []);

  const workday = JSON.stringify(completeSegments(workTime?.workday));
  const nonWorkday = JSON.stringify(completeSegments(workTime?.nonWorkday));
  const calendar = context?.calendar;
  const view = useMemo(
    () => (calendar ? scheduleView(now, { workTime: { workday: JSON.parse(workday), nonWorkday: JSON.parse(nonWorkday) }, calendar }) : null),
    [now, calendar, workday, nonWorkday],
  );
  if (!view) return null;

  return (
    <section className="grid gap-3 rounded-md border border-slate-200 p-4" aria-labelledby="schedule-preview-title" data-testid="schedule-preview">
      <div className="grid gap-1">
        <h3 id="schedule-preview-title" className="text-sm font-medium">
          {t("previewTitle")}
        </h3>
        <p className="text-xs text-slate-600">{t("previewDescription", { timeZone: view.timeZone })}</p>
      </div>
      <ScheduleStatusLine view={view} live />
      <ScheduleWeek week={view.week} today={view.week[0]?.date} />
    </section>
  );
}
