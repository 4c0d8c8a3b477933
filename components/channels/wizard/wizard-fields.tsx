"use client";

import { useTranslations } from "next-intl";
import { useState, type ChangeEvent, type HTMLAttributes, type ReactNode } from "react";
import { get, useFormContext, useWatch, type FieldErrors } from "react-hook-form";
import { describedBy, FieldShell } from "@/components/forms/field-shell";
import { SelectOptions, type Choice } from "@/components/forms/select-options";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/utils";
import { secretKindOf } from "@/lib/validations/channels/variants";
import { RetypeNote } from "./retype-secrets";
import { useWizardSettings } from "./wizard-context";
import { fieldId } from "./wizard-values";

/*
 * The wizard's fields, in the shared field shell (components/forms/field-shell), with ids from the
 * field's path (`field-workTime-workday-0-start`) so nested fields and server errors on them have
 * a stable place.
 */

/** The error code of a field, including an array's own error (react-hook-form keeps it under `root`). */
export function errorCodeOf(errors: FieldErrors, name: string): string | undefined {
  const error = get(errors, name) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const code = error?.message ?? error?.root?.message;
  return typeof code === "string" ? code : undefined;
}

export function useFieldError(name: string): { code?: string; message?: string } {
  const { formState } = useFormContext();
  const errorText = useErrorText();
  const code = errorCodeOf(formState.errors, name);
  return { code, message: errorText(code) };
}

interface TextProps {
  name: string;
  label: string;
  description?: ReactNode;
  type?: "text" | "number" | "url" | "tel";
  placeholder?: string;
  list?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  onValueChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  className?: string;
}

export function TextInputField({ name, label, description, type = "text", placeholder, list, inputMode, onValueChange, className }: TextProps) {
  const { register } = useFormContext();
  const { message } = useFieldError(name);
  const id = fieldId(name);
  return (
    <FieldShell id={id} label={label} description={description} message={message} className={className}>
      <Input
        id={id}
        type={type}
        autoComplete="off"
        placeholder={placeholder}
        list={list}
        inputMode={inputMode}
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
        {...register(name, { onChange: onValueChange })}
      />
    </FieldShell>
  );
}

export function TextareaField({ name, label, description, rows = 3 }: { name: string; label: string; description?: ReactNode; rows?: number }) {
  const { register } = useFormContext();
  const { message } = useFieldError(name);
  const id = fieldId(name);
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
        className="flex w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 aria-[invalid=true]:border-red-600"
        {...register(name)}
      />
    </FieldShell>
  );
}

interface SelectProps {
  name: string;
  label: string;
  description?: ReactNode;
  options: Choice[];
  /** Adds a first, empty option with this text ("Choose…", "None"). */
  placeholder?: string;
  /** Shown but not changeable (edit mode's channel type and provider); the value is not registered. */
  fixed?: boolean;
  onValueChange?: (event: ChangeEvent<HTMLSelectElement>) => void;
}

export function SelectInputField({ name, label, description, options, placeholder, fixed, onValueChange }: SelectProps) {
  const { register, control } = useFormContext();
  const value = useWatch({ control, name }) as string | undefined;
  const { message } = useFieldError(name);
  const id = fieldId(name);
  const common = { id, "aria-invalid": Boolean(message), "aria-describedby": describedBy(id, message, description) };
  const choices = (
    <>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      <SelectOptions options={options} />
    </>
  );
  return (
    <FieldShell id={id} label={label} description={description} message={message}>
      {fixed ? (
        <Select {...common} disabled value={value ?? ""}>
          {choices}
        </Select>
      ) : (
        <Select {...common} {...register(name, { onChange: onValueChange })}>
          {choices}
        </Select>
      )}
    </FieldShell>
  );
}

/** An on/off option: a checkbox with the switch role, its label and description beside it. */
export function SwitchField({ name, label, description }: { name: string; label: string; description?: ReactNode }) {
  const { register } = useFormContext();
  const { message } = useFieldError(name);
  const id = fieldId(name);
  return (
    <div className="flex items-start gap-3" data-invalid={Boolean(message)}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="mt-0.5 h-4 w-4 shrink-0 accent-slate-900"
        aria-invalid={Boolean(message)}
        aria-describedby={describedBy(id, message, description)}
        {...register(name)}
      />
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        {description ? <FieldDescription id={`${id}-description`}>{description}</FieldDescription> : null}
        <FieldError id={`${id}-error`}>{message}</FieldError>
      </div>
    </div>
  );
}

/**
 * A secret: a password input that is never pre-filled. When editing and a value is stored, its
 * mask is shown with "Replace"; an empty field keeps the stored value.
 */
export function SecretField({ name, label, description }: { name: string; label: string; description?: ReactNode }) {
  const t = useTranslations("channelWizard.secret");
  const { register, setValue, clearErrors, control } = useFormContext();
  const { masks, retype } = useWizardSettings();
  const retyped = retype?.find((field) => field.name === name);
  const value: unknown = useWatch({ control, name });
  const { message } = useFieldError(name);
  const [replacing, setReplacing] = useState(false);
  const id = fieldId(name);
  // A password is shown as "set" only, whatever tail an older save may have stored.
  const mask = masks[name] && secretKindOf(name) === "password" ? t("set") : masks[name];
  const showInput = !mask || replacing || Boolean(message) || Boolean(retyped);

  if (!showInput) {
    return (
      <Field>
        <span id={`${id}-label`} className="text-sm font-medium leading-none">
          {label}
        </span>
        <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-description`} className="flex items-center gap-3">
          <span className="font-mono text-sm" data-testid={`secret-mask-${name}`}>
            {mask}
          </span>
          <Button type="button" variant="outline" size="sm" onClick={() => setReplacing(true)}>
            {t("replace")}
            <span className="sr-only"> {label}</span>
          </Button>
        </div>
        <FieldDescription id={`${id}-description`}>{t("keptHint")}</FieldDescription>
      </Field>
    );
  }
  return (
    <FieldShell
      id={id}
      label={label}
      description={
        retyped ? (
          <>
            <RetypeNote field={retyped} value={value} />
            {description}
          </>
        ) : mask ? (
          t("replaceHint", { mask })
        ) : (
          description
        )
      }
      message={message}
    >
      <div className="flex items-center gap-3">
        <Input
          id={id}
          type="password"
          autoComplete="new-password"
          autoFocus={replacing}
          className="flex-1"
          aria-invalid={Boolean(message)}
          aria-describedby={describedBy(id, message, mask ? "hint" : description)}
          {...register(name)}
        />
        {mask ? (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => {
              setValue(name, "");
              clearErrors(name);
              setReplacing(false);
            }}
          >
            {t("keepCurrent")}
            <span className="sr-only"> {label}</span>
          </Button>
        ) : null}
      </div>
    </FieldShell>
  );
}

export function FieldGroup({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={cn("grid gap-4 rounded-md border border-slate-200 p-4", className)}>
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}
