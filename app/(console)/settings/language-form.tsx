"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-status";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { setLanguageAction } from "./actions";

export function LanguageForm() {
  const t = useTranslations();
  const locale = useLocale();
  const { run, pending, error } = useActionTransition(setLanguageAction);
  const change = (next: Locale) => run({ locale: next });

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
