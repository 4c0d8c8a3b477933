"use client";

import { useTranslations } from "next-intl";

/**
 * Turns an error code from a schema or a server action into the reader's language. A code is
 * either a full catalog key of a feature namespace ("ous.errors.inUse"), a shared field rule
 * under `validation.`, or a shared outcome under `errors.`.
 */
export function useErrorText() {
  const t = useTranslations();
  return (code: string | undefined, values?: Record<string, string | number>): string | undefined => {
    if (!code) return undefined;
    for (const key of [code, `validation.${code}`, `errors.${code}`]) {
      if (key.includes(".") && t.has(key as never)) return t(key as never, values as never);
    }
    return t("validation.invalid");
  };
}
