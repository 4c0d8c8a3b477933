import { z } from "zod";
import { rangeLength } from "@/lib/service-time/dates";
import { isSupportedTimeZone } from "@/lib/service-time/time-zones";
import { uuidField } from "./fields";

/** The longest non-working range one entry may cover (a leap year, inclusive). */
export const MAX_RANGE_DAYS = 366;
export const LABEL_MAX_LENGTH = 100;
/** Dates outside these years are typing mistakes, not holidays. */
const MIN_DATE = "1900-01-01";
const MAX_DATE = "2999-12-31";

export const timeZoneField = z
  .string({ error: "serviceTime.validation.timeZoneInvalid" })
  .refine(isSupportedTimeZone, "serviceTime.validation.timeZoneInvalid");

export const updateTimeZoneSchema = z.object({ timeZone: timeZoneField });

const dateField = z
  .string({ error: "serviceTime.validation.dateRequired" })
  .trim()
  .min(1, { error: "serviceTime.validation.dateRequired", abort: true })
  .pipe(
    z.iso
      .date({ error: "serviceTime.validation.dateInvalid", abort: true })
      .refine((date) => date >= MIN_DATE && date <= MAX_DATE, "serviceTime.validation.dateOutOfRange"),
  );

const isValidDate = (value: unknown): value is string => dateField.safeParse(value).success;

/** Empty (or absent) means "the same as the start date": a single non-working day. */
const optionalEndDate = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  dateField.optional(),
);

export const addNonWorkingDaySchema = z
  .object({
    startDate: dateField,
    endDate: optionalEndDate,
    label: z
      .string({ error: "serviceTime.validation.labelRequired" })
      .trim()
      .min(1, "serviceTime.validation.labelRequired")
      .max(LABEL_MAX_LENGTH, "serviceTime.validation.labelTooLong"),
  })
  .superRefine((value, ctx) => {
    // Runs even when a date failed its own checks: compare only well-formed dates.
    if (!isValidDate(value.startDate) || !isValidDate(value.endDate)) return;
    if (value.endDate < value.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "serviceTime.validation.endBeforeStart" });
    } else if (rangeLength(value.startDate, value.endDate) > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "serviceTime.validation.rangeTooLong" });
    }
  })
  .transform((value) => ({ ...value, endDate: value.endDate ?? value.startDate }));

export const deleteNonWorkingDaySchema = z.object({ id: uuidField });

/** `?month=2026-12` on the Service Time page; anything else means "the current month". */
export const monthParamSchema = z
  .string()
  .regex(/^(?:19|2\d)\d\d-(?:0[1-9]|1[0-2])$/)
  .optional()
  .catch(undefined);

export type UpdateTimeZoneInput = z.input<typeof updateTimeZoneSchema>;
export type AddNonWorkingDayInput = z.input<typeof addNonWorkingDaySchema>;
export type AddNonWorkingDayValues = z.output<typeof addNonWorkingDaySchema>;
