"use client";

import { useTranslations } from "next-intl";
import { useFieldArray, useFormContext } from "react-hook-form";
import { describedBy } from "@/components/forms/field-shell";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SchedulePreview } from "@/components/service-time/schedule-preview";
import { MAX_SEGMENTS } from "@/lib/validations/work-time-limits";
import { FieldGroup, useFieldError } from "./wizard-fields";
import { fieldId, type BasicValues } from "./wizard-values";
import { PrerequisiteLink } from "./prerequisite-link";

/**
 * Agent Work Time: workday and non-workday segments, 1–4 each. Times are typed as HH:MM (a text
 * input, because a native time input cannot say 24:00, the end of the day).
 */
export function WorkTimeEditor() {
  const t = useTranslations("channelWizard.workTime");
  return (
    <FieldGroup title={t("title")}>
      <p className="text-sm text-slate-600">
        {t("calendarNote")}{" "}
        <PrerequisiteLink href="/settings/service-time">{t("calendarLink")}</PrerequisiteLink>
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <SegmentList kind="workday" />
        <SegmentList kind="nonWorkday" />
      </div>
      <SchedulePreview />
    </FieldGroup>
  );
}

function SegmentList({ kind }: { kind: "workday" | "nonWorkday" }) {
  const t = useTranslations("channelWizard.workTime");
  const name = `workTime.${kind}` as const;
  const { control } = useFormContext<BasicValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const { message } = useFieldError(name);
  const id = fieldId(name);
  const day = t(kind);
  // Every time of the list: an overlap is reported on one segment's start, so a change to any other
  // time must re-check them all, or the report stays on a field nobody touched (or vanishes).
  const times = fields.flatMap((_, index) => [`${name}.${index}.start`, `${name}.${index}.end`]);
  return (
    <div role="group" aria-labelledby={`${id}-label`} className="grid content-start gap-2" data-testid={`segments-${kind}`}>
      <h3 id={`${id}-label`} className="text-sm font-medium">
        {day}
      </h3>
      <ol className="grid gap-2">
        {fields.map((segment, index) => (
          <li key={segment.id} className="grid gap-1">
            <div className="flex items-center gap-2">
              <TimeInput name={`${name}.${index}.start`} label={t("start", { day, index: index + 1 })} deps={times} />
              <span aria-hidden="true">–</span>
              <TimeInput name={`${name}.${index}.end`} label={t("end", { day, index: index + 1 })} deps={times} sameErrorAs={`${name}.${index}.start`} />
              <Button type="button" variant="ghost" size="sm" disabled={fields.length <= 1} onClick={() => remove(index)}>
                {t("remove")}
                <span className="sr-only"> {t("segment", { day, index: index + 1 })}</span>
              </Button>
            </div>
            <TimeErrors names={[`${name}.${index}.start`, `${name}.${index}.end`]} />
          </li>
        ))}
      </ol>
      <div>
        <Button type="button" variant="outline" size="sm" disabled={fields.length >= MAX_SEGMENTS} onClick={() => append({ start: "", end: "" })}>
          {t("new")}
          <span className="sr-only"> {t("segmentOf", { day })}</span>
        </Button>
        {fields.length >= MAX_SEGMENTS ? <span className="ml-3 text-xs text-slate-500">{t("max", { max: MAX_SEGMENTS })}</span> : null}
      </div>
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </div>
  );
}

/** `sameErrorAs`: the segment's other time; when both say the same, this one points at that message. */
function TimeInput({ name, label, deps, sameErrorAs }: { name: string; label: string; deps: string[]; sameErrorAs?: string }) {
  const { register } = useFormContext();
  const { message } = useFieldError(name);
  const other = useFieldError(sameErrorAs ?? name);
  const id = fieldId(name);
  const errorId = sameErrorAs && other.message === message ? fieldId(sameErrorAs) : id;
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input
        id={id}
        placeholder="HH:MM"
        inputMode="numeric"
        maxLength={5}
        autoComplete="off"
        className="w-24 tabular-nums"
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(errorId, message)}
        {...register(name, { deps: deps.filter((dep) => dep !== name) })}
      />
    </>
  );
}

/** A segment's errors, each wording once: a blank new segment says "use HH:MM" once, not twice. */
function TimeErrors({ names }: { names: [string, string] }) {
  const start = useFieldError(names[0]);
  const end = useFieldError(names[1]);
  return (
    <>
      <FieldError id={`${fieldId(names[0])}-error`}>{start.message}</FieldError>
      {end.message === start.message ? null : <FieldError id={`${fieldId(names[1])}-error`}>{end.message}</FieldError>}
    </>
  );
}
