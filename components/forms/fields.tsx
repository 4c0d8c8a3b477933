"use client";

import { useController, useFormContext } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { describedBy, FieldShell } from "./field-shell";
import { SelectOptions, type Choice } from "./select-options";
import { useErrorText } from "./use-error-text";

interface BaseProps {
  name: string;
  /** Needed only when a page shows two forms with a field of the same name; `field-<name>` otherwise. */
  id?: string;
  label: string;
  description?: string;
}

function useFieldState(name: string, explicitId?: string) {
  const { register, getFieldState, formState } = useFormContext();
  const errorText = useErrorText();
  const message = errorText(getFieldState(name, formState).error?.message);
  const id = explicitId ?? `field-${name}`;
  return { register, message, id };
}

export function TextField({
  name,
  id: explicitId,
  label,
  description,
  type = "text",
  autoComplete,
}: BaseProps & { type?: "text" | "email" | "password" | "date"; autoComplete?: string }) {
  const { register, message, id } = useFieldState(name, explicitId);
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <Input
        id={id}
        type={type}
        autoComplete={autoComplete}
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
        {...register(name)}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  id: explicitId,
  label,
  description,
  options,
}: BaseProps & { options: Choice[] }) {
  const { register, message, id } = useFieldState(name, explicitId);
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <Select id={id} aria-invalid={Boolean(message)} aria-describedby={describedBy(id, message, description)} {...register(name)}>
        <SelectOptions options={options} />
      </Select>
    </FieldShell>
  );
}

/** A file input whose form value is the chosen File (or undefined), checked by the form's zod schema. */
export function FileField({ name, id: explicitId, label, description, accept }: BaseProps & { accept?: string }) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  const message = useErrorText()(fieldState.error?.message);
  const id = explicitId ?? `field-${name}`;
  // Spread, because the Input primitive's props do not declare `ref` (React 19 passes it through anyway).
  const binding = { ref: field.ref, name: field.name, onBlur: field.onBlur };
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <Input
        id={id}
        type="file"
        accept={accept}
        {...binding}
        onChange={(event) => field.onChange(event.target.files?.[0] ?? undefined)}
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
        className="h-auto py-1.5"
      />
    </FieldShell>
  );
}
