import { z } from "zod";
import { MAX_SEGMENTS, MINUTES_PER_DAY, TIME_PATTERN, timeToMinutes } from "./work-time-limits";

/*
 * A channel's Agent Work Time (product spec, "Basic configuration"): workday segments and
 * non-workday segments, each list 1–4 segments `HH:MM–HH:MM` within 00:00–24:00, start before
 * end, no overlaps. Shared by the channel wizard's form and its server action; the pure check
 * "is this instant within work time?" lives in lib/service-time/work-time.ts.
 */

// timeToMinutes lives in the zod-free module: the wizard's schedule preview uses it in the first load.
export { MAX_SEGMENTS, MINUTES_PER_DAY, timeToMinutes } from "./work-time-limits";

// A blank time and a malformed one are the same problem to the person typing: one wording for both.
const timeField = z.string({ error: "serviceTime.validation.timeInvalid" }).regex(TIME_PATTERN, "serviceTime.validation.timeInvalid");

/** One segment `[start, end)` of local time; `24:00` is allowed only as an end (the end of the day). */
export const workTimeSegmentSchema = z
  .object({ start: timeField, end: timeField })
  .superRefine((segment, ctx) => {
    const start = timeToMinutes(segment.start);
    const end = timeToMinutes(segment.end);
    if (start === MINUTES_PER_DAY) {
      ctx.addIssue({ code: "custom", path: ["start"], message: "serviceTime.validation.startAtEndOfDay" });
    } else if (start !== null && end !== null && end <= start) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "serviceTime.validation.endNotAfterStart" });
    }
  });

/**
 * 1–4 segments that do not overlap. Touching segments (09:00–12:00, 12:00–18:00) are fine.
 * An overlap is reported on the start of the later segment, at its index in the list as entered.
 */
export const workTimeSegmentsSchema = z
  .array(workTimeSegmentSchema, { error: "serviceTime.validation.segmentsRequired" })
  .min(1, "serviceTime.validation.segmentsRequired")
  .max(MAX_SEGMENTS, "serviceTime.validation.tooManySegments")
  .superRefine((segments, ctx) => {
    // Zod runs this even when a segment failed its own checks: compare only well-formed ones.
    const valid = segments
      .map((segment, index) => ({ index, start: timeToMinutes(segment?.start), end: timeToMinutes(segment?.end) }))
      .filter((s): s is { index: number; start: number; end: number } => s.start !== null && s.end !== null && s.start < s.end)
      .sort((a, b) => a.start - b.start || a.index - b.index);
    let latestEnd = -1;
    for (const [position, segment] of valid.entries()) {
      if (position > 0 && segment.start < latestEnd) {
        ctx.addIssue({ code: "custom", path: [segment.index, "start"], message: "serviceTime.validation.segmentOverlap" });
      }
      latestEnd = Math.max(latestEnd, segment.end);
    }
  });

export const workTimeSchema = z.object({
  workday: workTimeSegmentsSchema,
  nonWorkday: workTimeSegmentsSchema,
});

export type WorkTimeSegment = z.output<typeof workTimeSegmentSchema>;
export type WorkTime = z.output<typeof workTimeSchema>;
export type WorkTimeInput = z.input<typeof workTimeSchema>;
