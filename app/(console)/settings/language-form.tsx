"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { setLanguageAction } from "./actions";

export function LanguageForm() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const change = (next: Locale) =>
    startTransition(async () => {
      setError(null);
      const result = await setLanguageAction({ locale: next });
      if (result.ok) router.refresh();
      else setError(result.error);
    });

  return (
    <div className="grid max-w-xs gap-2">
      <Label htmlFor="language">{t("settings.language.label")}</Label>
      <Select id="language" value={locale} disabled={pending} aria-busy={pending} onChange={(event) => change(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {t(`locales.${code}`)}
          </option>
        ))}
      </Select>
      <FormStatus error={error} />
    </div>
  );
}
