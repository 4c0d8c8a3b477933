import { describe, expect, it } from "vitest";
import { timeToMinutes, workTimeSchema, workTimeSegmentSchema, workTimeSegmentsSchema } from "./work-time";

const seg = (start: string, end: string) => ({ start, end });
const fullDay = [seg("00:00", "24:00")];

/** Field path → messages, the way server actions report them. */
function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) {
  const result = schema.safeParse(value);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

describe("timeToMinutes", () => {
  it("reads HH:MM within the day and 24:00 as the end of the day", () => {
    expect(timeToMinutes("00:00")).toBe(0);
    expect(timeToMinutes("09:30")).toBe(570);
    expect(timeToMinutes("23:59")).toBe(1439);
    expect(timeToMinutes("24:00")).toBe(1440);
  });

  it.each(["24:01", "25:00", "9:30", "09:60", "0930", " 09:30", "09:30:00", "", "ab:cd"])("rejects %j", (value) => {
    expect(timeToMinutes(value)).toBeNull();
  });

  it("rejects non-strings", () => {
    expect(timeToMinutes(undefined)).toBeNull();
    expect(timeToMinutes(930)).toBeNull();
  });
});

describe("a segment", () => {
  it("accepts start before end, the whole day, and 24:00 as an end", () => {
    expect(workTimeSegmentSchema.safeParse(seg("09:00", "17:30")).success).toBe(true);
    expect(workTimeSegmentSchema.safeParse(seg("00:00", "24:00")).success).toBe(true);
    expect(workTimeSegmentSchema.safeParse(seg("23:59", "24:00")).success).toBe(true);
  });

  it("needs both times, in HH:MM form within 00:00–24:00", () => {
    // Missing, blank and malformed read the same: one wording for one problem.
    expect(errorsOf(workTimeSegmentSchema, { end: "10:00" })).toEqual({ start: ["serviceTime.validation.timeInvalid"] });
    expect(errorsOf(workTimeSegmentSchema, seg("", "10:00"))).toEqual({ start: ["serviceTime.validation.timeInvalid"] });
    expect(errorsOf(workTimeSegmentSchema, seg("", ""))).toEqual({
      start: ["serviceTime.validation.timeInvalid"],
      end: ["serviceTime.validation.timeInvalid"],
    });
    expect(errorsOf(workTimeSegmentSchema, seg("9:00", "10:00"))).toEqual({ start: ["serviceTime.validation.timeInvalid"] });
    expect(errorsOf(workTimeSegmentSchema, seg("09:00", "24:30"))).toEqual({ end: ["serviceTime.validation.timeInvalid"] });
    expect(errorsOf(workTimeSegmentSchema, seg("09:00", "25:00"))).toEqual({ end: ["serviceTime.validation.timeInvalid"] });
  });

  it("allows 24:00 only as an end", () => {
    expect(errorsOf(workTimeSegmentSchema, seg("24:00", "24:00"))).toEqual({ start: ["serviceTime.validation.startAtEndOfDay"] });
  });

  it("needs the start before the end, reported on the end", () => {
    expect(errorsOf(workTimeSegmentSchema, seg("10:00", "10:00"))).toEqual({ end: ["serviceTime.validation.endNotAfterStart"] });
    expect(errorsOf(workTimeSegmentSchema, seg("18:00", "09:00"))).toEqual({ end: ["serviceTime.validation.endNotAfterStart"] });
    expect(errorsOf(workTimeSegmentSchema, seg("00:01", "00:00"))).toEqual({ end: ["serviceTime.validation.endNotAfterStart"] });
  });
});

describe("a list of segments", () => {
  it("needs 1 to 4 segments", () => {
    expect(errorsOf(workTimeSegmentsSchema, [])).toEqual({ "": ["serviceTime.validation.segmentsRequired"] });
    expect(errorsOf(workTimeSegmentsSchema, undefined)).toEqual({ "": ["serviceTime.validation.segmentsRequired"] });
    const four = [seg("00:00", "06:00"), seg("06:00", "12:00"), seg("12:00", "18:00"), seg("18:00", "24:00")];
    expect(workTimeSegmentsSchema.safeParse(four).success).toBe(true);
    expect(errorsOf(workTimeSegmentsSchema, [...four.slice(0, 3), seg("18:00", "20:00"), seg("20:00", "24:00")])).toEqual({
      "": ["serviceTime.validation.tooManySegments"],
    });
  });

  it("accepts touching segments", () => {
    expect(workTimeSegmentsSchema.safeParse([seg("09:00", "12:00"), seg("12:00", "18:00")]).success).toBe(true);
    expect(workTimeSegmentsSchema.safeParse([seg("13:00", "24:00"), seg("00:00", "13:00")]).success).toBe(true);
  });

  it("reports an overlap on the start of the segment that begins inside another", () => {
    expect(errorsOf(workTimeSegmentsSchema, [seg("09:00", "12:00"), seg("11:59", "14:00")])).toEqual({
      "1.start": ["serviceTime.validation.segmentOverlap"],
    });
    // Entered out of order: the later one in time is the one at index 0.
    expect(errorsOf(workTimeSegmentsSchema, [seg("11:00", "14:00"), seg("09:00", "12:00")])).toEqual({
      "0.start": ["serviceTime.validation.segmentOverlap"],
    });
  });

  it("finds overlaps with a long segment that is not the neighbour, and identical segments", () => {
    expect(errorsOf(workTimeSegmentsSchema, [seg("08:00", "20:00"), seg("09:00", "10:00"), seg("12:00", "13:00")])).toEqual({
      "1.start": ["serviceTime.validation.segmentOverlap"],
      "2.start": ["serviceTime.validation.segmentOverlap"],
    });
    expect(errorsOf(workTimeSegmentsSchema, [seg("09:00", "10:00"), seg("09:00", "10:00")])).toEqual({
      "1.start": ["serviceTime.validation.segmentOverlap"],
    });
  });

  it("does not report overlaps for segments that are invalid on their own", () => {
    expect(errorsOf(workTimeSegmentsSchema, [seg("09:00", "12:00"), seg("10:00", "09:00"), seg("xx", "11:00")])).toEqual({
      "1.end": ["serviceTime.validation.endNotAfterStart"],
      "2.start": ["serviceTime.validation.timeInvalid"],
    });
  });
});

describe("workTimeSchema", () => {
  it("accepts a typical channel's work time", () => {
    const value = { workday: [seg("08:00", "12:00"), seg("13:00", "18:00")], nonWorkday: fullDay };
    expect(workTimeSchema.parse(value)).toEqual(value);
  });

  it("attaches errors to the list and index they belong to", () => {
    expect(
      errorsOf(workTimeSchema, {
        workday: [seg("09:00", "12:00"), seg("10:00", "13:00")],
        nonWorkday: [seg("10:00", "24:00"), seg("24:00", "24:00")],
      }),
    ).toEqual({
      "workday.1.start": ["serviceTime.validation.segmentOverlap"],
      "nonWorkday.1.start": ["serviceTime.validation.startAtEndOfDay"],
    });
    expect(errorsOf(workTimeSchema, { workday: fullDay })).toEqual({ nonWorkday: ["serviceTime.validation.segmentsRequired"] });
  });
});
