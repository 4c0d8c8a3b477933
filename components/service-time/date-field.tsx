"use client";

import { useFormContext } from "react-hook-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { Field, FieldDescription, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A native date picker (value "YYYY-MM-DD") with the same label / description / error markup as TextField. */
export function DateField({ name, label, description }: { name: string; label: string; description?: string }) {
  const { register, getFieldState, formState } = useFormContext();
  const errorText = useErrorText();
  const message = errorText(getFieldState(name, formState).error?.message);
  const id = `field-${name}`;
  const describedBy = [message ? `${id}-error` : null, description ? `${id}-description` : null].filter(Boolean).join(" ");
  return (
    <Field data-invalid={Boolean(message)}>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="date" aria-invalid={Boolean(message)} aria-describedby={describedBy || undefined} {...register(name)} />
      {description ? <FieldDescription id={`${id}-description`}>{description}</FieldDescription> : null}
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </Field>
  );
}
