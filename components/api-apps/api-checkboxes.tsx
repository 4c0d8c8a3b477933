"use client";

import { useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { FieldDescription, FieldError } from "@/components/ui/field";
import { API_NAMES } from "@/lib/api-apps/apis";

/** The APIs of an app as a checkbox group registered under `apis` (an array of API names). */
export function ApiCheckboxes() {
  const t = useTranslations("apiApps");
  const errorText = useErrorText();
  const { register, getFieldState, formState } = useFormContext();
  const message = errorText(getFieldState("apis", formState).error?.message);
  return (
    <fieldset className="grid gap-2" aria-describedby={message ? "field-apis-error" : "field-apis-description"} aria-invalid={Boolean(message)}>
      <legend className="mb-1 text-sm font-medium">{t("apis")}</legend>
      {API_NAMES.map((api) => (
        <label key={api} className="flex items-start gap-2 text-sm">
          <input type="checkbox" value={api} className="mt-0.5 size-4" {...register("apis")} />
          <span>
            <span className="font-mono">{api}</span>
            <span className="block text-xs text-slate-500">{t(`apiNames.${api}`)}</span>
          </span>
        </label>
      ))}
      <FieldDescription id="field-apis-description">{t("apisDescription")}</FieldDescription>
      <FieldError id="field-apis-error">{message}</FieldError>
    </fieldset>
  );
}
