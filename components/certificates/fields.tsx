"use client";

import { useId, type ReactNode } from "react";
import { useController, useFormContext } from "react-hook-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { Field, FieldDescription, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/*
 * The shared TextField derives its id from the field name, and this page has three forms with a
 * "name" field; these fields take a per-instance id instead, so every label names its own input.
 */

interface FieldProps {
  name: string;
  label: string;
  description?: string;
}

function useFieldIds(name: string) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  const message = useErrorText()(fieldState.error?.message);
  const id = `${useId()}-${name}`;
  return { field, message, id };
}

function Shell({ id, label, description, message, children }: FieldProps & { id: string; message?: string; children: ReactNode }) {
  return (
    <Field data-invalid={Boolean(message)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? <FieldDescription id={`${id}-description`}>{description}</FieldDescription> : null}
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </Field>
  );
}

const describedBy = (id: string, message?: string, description?: string) =>
  [message ? `${id}-error` : null, description ? `${id}-description` : null].filter(Boolean).join(" ") || undefined;

export function TextField({ name, label, description, type = "text" }: FieldProps & { type?: "text" | "password" }) {
  const { field, message, id } = useFieldIds(name);
  // Spread, because the Input primitive's props do not declare `ref` (React 19 passes it through anyway).
  const binding = { ref: field.ref, name: field.name, onBlur: field.onBlur };
  return (
    <Shell id={id} name={name} label={label} description={description} message={message}>
      <Input
        id={id}
        type={type}
        autoComplete="off"
        {...binding}
        value={(field.value as string | undefined) ?? ""}
        onChange={(event) => field.onChange(event.target.value)}
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
      />
    </Shell>
  );
}

/** A file input whose form value is the chosen File (or undefined), checked by the form's zod schema. */
export function FileField({ name, label, description, accept }: FieldProps & { accept?: string }) {
  const { field, message, id } = useFieldIds(name);
  const binding = { ref: field.ref, name: field.name, onBlur: field.onBlur };
  return (
    <Shell id={id} name={name} label={label} description={description} message={message}>
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
    </Shell>
  );
}
