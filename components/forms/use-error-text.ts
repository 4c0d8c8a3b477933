"use client";

import { useTranslations } from "next-intl";

/**
 * Turns an error code from a schema or a server action into the reader's language:
 * field rules live under `validation.`, server outcomes under `errors.`.
 */
export function useErrorText() {
  const t = useTranslations();
  return (code: string | undefined): string | undefined => {
    if (!code) return undefined;
    const validationKey = `validation.${code}`;
    const errorKey = `errors.${code}`;
    if (t.has(validationKey as never)) return t(validationKey as never);
    if (t.has(errorKey as never)) return t(errorKey as never);
    return t("validation.invalid");
  };
}
