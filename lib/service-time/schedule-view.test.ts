import { describe, expect, it } from "vitest";
import { calendarWindow } from "./channel-schedule";
import { LOOKAHEAD_DAYS, LOOKBACK_DAYS } from "./schedule";
import { completeSegments, relativeDay, scheduleView, segmentBar } from "./schedule-view";

describe("completeSegments", () => {
  it("keeps whole, ordered segments and leaves out what is still being typed", () => {
    expect(
      completeSegments([
        { start: "09:00", end: "12:00" },
        { start: "13:", end: "18:00" },
        { start: "", end: "" },
        { start: "18:00", end: "17:00" },
        { start: "24:00", end: "24:00" },
        null,
        { start: "20:00", end: "24:00" },
      ]),
    ).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "20:00", end: "24:00" },
    ]);
    expect(completeSegments(undefined)).toEqual([]);
  });
});

describe("relativeDay", () => {
  const now = new Date("2026-12-07T22:30:00Z"); // Monday 23:30 in Berlin, already Tuesday in Tokyo
  it("counts days in the tenant's zone, not UTC's", () => {
    expect(relativeDay(new Date("2026-12-07T22:50:00Z"), now, "Europe/Berlin")).toBe("today");
    expect(relativeDay(new Date("2026-12-07T23:10:00Z"), now, "Europe/Berlin")).toBe("tomorrow");
    expect(relativeDay(new Date("2026-12-07T23:10:00Z"), now, "UTC")).toBe("today");
    expect(relativeDay(new Date("2026-12-13T12:00:00Z"), now, "Europe/Berlin")).toBe("weekday");
    expect(relativeDay(new Date("2026-12-14T12:00:00Z"), now, "Europe/Berlin")).toBe("date");
  });
});

describe("segmentBar", () => {
  it("places a segment on the 0–24 h scale", () => {
    expect(segmentBar({ start: "06:00", end: "18:00" })).toEqual({ left: 25, width: 50 });
    expect(segmentBar({ start: "18:00", end: "24:00" })).toEqual({ left: 75, width: 25 });
  });
});

describe("scheduleView", () => {
  it("is plain data: instants as ISO strings, the zone, seven days", () => {
    const schedule = { workTime: { workday: [{ start: "09:00", end: "17:00" }], nonWorkday: [] }, calendar: { timeZone: "Europe/Berlin", nonWorkingDays: [] } };
    const view = scheduleView(new Date("2026-12-07T17:00:00Z"), schedule);
    expect(view).toMatchObject({
      timeZone: "Europe/Berlin",
      at: "2026-12-07T17:00:00.000Z",
      status: { open: false, since: "2026-12-07T16:00:00.000Z", opensAt: "2026-12-08T08:00:00.000Z" },
    });
    expect(view.week).toHaveLength(7);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe("calendarWindow", () => {
  it("reaches as far back as 'closed since' and as far ahead as 'opens …', a day wider for any zone", () => {
    expect(calendarWindow(new Date("2026-12-07T23:30:00Z"))).toEqual({
      from: new Date(Date.UTC(2026, 11, 7 - LOOKBACK_DAYS - 1)).toISOString().slice(0, 10),
      to: new Date(Date.UTC(2026, 11, 7 + LOOKAHEAD_DAYS + 1)).toISOString().slice(0, 10),
    });
  });
});
