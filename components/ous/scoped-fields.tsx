"use client";

import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { Field, FieldDescription, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

/*
 * TextField / SelectField of components/forms with an id of the caller's choosing: the OU page
 * shows the create form and a row's rename or sub-OU form at once, and both have a "name" field,
 * so the shared `field-<name>` ids would clash.
 */

interface Props {
  id: string;
  name: string;
  label: string;
  description?: string;
}

function useScopedField({ id, name }: Pick<Props, "id" | "name">) {
  const { register, getFieldState, formState } = useFormContext();
  const message = useErrorText()(getFieldState(name, formState).error?.message);
  const describedBy = [message ? `${id}-error` : null, `${id}-description`].filter(Boolean).join(" ");
  return { register, message, describedBy };
}

function Shell({ id, label, description, message, children }: Omit<Props, "name"> & { message?: string; children: ReactNode }) {
  return (
    <Field data-invalid={Boolean(message)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? <FieldDescription id={`${id}-description`}>{description}</FieldDescription> : null}
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </Field>
  );
}

export function ScopedTextField(props: Props) {
  const { register, message, describedBy } = useScopedField(props);
  return (
    <Shell {...props} message={message}>
      <Input
        id={props.id}
        autoComplete="off"
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy}
        {...register(props.name)}
      />
    </Shell>
  );
}

export function ScopedSelectField(props: Props & { options: { value: string; label: string }[] }) {
  const { register, message, describedBy } = useScopedField(props);
  return (
    <Shell {...props} message={message}>
      <Select id={props.id} aria-invalid={Boolean(message)} aria-describedby={describedBy} {...register(props.name)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Shell>
  );
}
