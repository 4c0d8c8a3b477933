"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ScheduleCalendarSnapshot } from "@/lib/service-time/schedule-view";

/** The tenant calendar (and the server's "now", for a first render that matches) for the wizard's schedule preview. */
type ScheduleCalendarValue = ScheduleCalendarSnapshot;

const ScheduleCalendarContext = createContext<ScheduleCalendarValue | null>(null);

export function ScheduleCalendarProvider({ value, children }: { value: ScheduleCalendarValue; children: ReactNode }) {
  return <ScheduleCalendarContext.Provider value={value}>{children}</ScheduleCalendarContext.Provider>;
}

/** Null outside a provider: the preview is then left out. */
export function useScheduleCalendar(): ScheduleCalendarValue | null {
  return useContext(ScheduleCalendarContext);
}
