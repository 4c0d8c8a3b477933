import type { ReactNode } from "react";
import { Field, FieldDescription, FieldError } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/*
 * The markup every form field shares (shadcn/ui's Field pattern): label, control, description,
 * error. The control is the caller's; it points back here with `aria-describedby={describedBy(…)}`,
 * so the ids below (`<id>-description`, `<id>-error`) are the contract between the two.
 */

/** The ids that describe a control: its error while there is one, then its description if it has one. */
export function describedBy(id: string, message?: string, description?: ReactNode): string | undefined {
  return [message ? `${id}-error` : null, description ? `${id}-description` : null].filter(Boolean).join(" ") || undefined;
}

interface FieldShellProps {
  /** The control's id, which the label names. */
  id: string;
  label: string;
  description?: ReactNode;
  /** The error, already in the reader's language. */
  message?: string;
  children: ReactNode;
  className?: string;
}

export function FieldShell({ id, label, description, message, children, className }: FieldShellProps) {
  return (
    // content-start: beside a taller field in a grid row, the label stays on its input.
    <Field data-invalid={Boolean(message)} className={cn("content-start", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? <FieldDescription id={`${id}-description`}>{description}</FieldDescription> : null}
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </Field>
  );
}
