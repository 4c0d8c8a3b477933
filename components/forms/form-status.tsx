"use client";

import type { ReactNode } from "react";
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
  return (
    <>
      {error ? <Alert variant="destructive">{errorText(error, values)}</Alert> : null}
      <LiveStatus>{error ? null : success}</LiveStatus>
    </>
  );
}
