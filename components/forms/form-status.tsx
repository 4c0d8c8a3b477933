"use client";

import { Alert } from "@/components/ui/alert";
import { useErrorText } from "./use-error-text";

/** The form-level outcome: an error in the reader's language, or a success notice. */
export function FormStatus({
  error,
  values,
  success,
}: {
  error: string | null;
  values?: Record<string, string | number>;
  success?: string | null;
}) {
  const errorText = useErrorText();
  if (error) return <Alert variant="destructive">{errorText(error, values)}</Alert>;
  if (success) return <Alert variant="success">{success}</Alert>;
  return null;
}
