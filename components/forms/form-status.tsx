"use client";

import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { LiveStatus } from "./live-status";
import { useErrorText } from "./use-error-text";

/**
 * The form-level outcome: an error in the reader's language (role="alert", announced at once), or
 * a success notice in a polite live region that is always there (see LiveStatus).
 */
export function FormStatus({
  error,
  values,
  success,
}: {
  error: string | null;
  values?: Record<string, string | number>;
  success?: ReactNode;
}) {
  const errorText = useErrorText();
  // Inside a FormProvider: the last success is withdrawn while the next submit runs (so saying it
  // again is announced again) and once a field is in error (an old "created" beside a new refusal).
  const formState = useFormContext<Record<string, unknown>>()?.formState;
  const stale = formState ? formState.isSubmitting || Object.keys(formState.errors).length > 0 : false;
  return (
    <>
      {error ? <Alert variant="destructive">{errorText(error, values)}</Alert> : null}
      <LiveStatus>{error || stale ? null : success}</LiveStatus>
    </>
  );
}
