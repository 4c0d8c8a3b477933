"use client";

import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { Field, FieldDescription, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
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
  const describedBy = [message ? `${id}-error` : null, `${id}-description`].filter(Boolean).join(" ");
  return { register, message, id, describedBy };
}

function FieldShell({ id, label, description, message, children }: { id: string; label: string; description?: string; message?: string; children: ReactNode }) {
  return (
    <Field data-invalid={Boolean(message)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? <FieldDescription id={`${id}-description`}>{description}</FieldDescription> : null}
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </Field>
  );
}

export function TextField({
  name,
  id: explicitId,
  label,
  description,
  type = "text",
  autoComplete,
}: BaseProps & { type?: "text" | "email" | "password" | "date"; autoComplete?: string }) {
  const { register, message, id, describedBy } = useFieldState(name, explicitId);
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <Input id={id} type={type} autoComplete={autoComplete} aria-invalid={Boolean(message)} aria-describedby={describedBy} {...register(name)} />
    </FieldShell>
  );
}

export function SelectField({
  name,
  id: explicitId,
  label,
  description,
  options,
}: BaseProps & { options: { value: string; label: string }[] }) {
  const { register, message, id, describedBy } = useFieldState(name, explicitId);
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <Select id={id} aria-invalid={Boolean(message)} aria-describedby={describedBy} {...register(name)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </FieldShell>
  );
}
