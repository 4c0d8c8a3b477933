"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { describedBy, FieldShell } from "@/components/forms/field-shell";
import { useErrorText } from "@/components/forms/use-error-text";
import { SKILL_QUEUE_DESCRIPTION_MAX_LENGTH } from "@/lib/validations/skill-queue-limits";

/** A multi-line description with a running character count (components/forms has single-line fields only). */
export function DescriptionField({ label, hint }: { label: string; hint: string }) {
  const { register, getFieldState, formState, control } = useFormContext();
  const message = useErrorText()(getFieldState("description", formState).error?.message);
  const value = useWatch({ control, name: "description" }) as string | undefined;
  const id = "field-description";
  const description = (
    <span className="flex justify-between gap-4">
      <span>{hint}</span>
      <span aria-hidden="true" className="tabular-nums">
        {(value ?? "").length}/{SKILL_QUEUE_DESCRIPTION_MAX_LENGTH}
      </span>
    </span>
  );
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <textarea
        id={id}
        rows={3}
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
        className="flex w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 aria-[invalid=true]:border-red-600"
        {...register("description")}
      />
    </FieldShell>
  );
}
