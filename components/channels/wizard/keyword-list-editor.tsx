"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { describedBy, FieldShell } from "@/components/forms/field-shell";
import { FieldError } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MAX_TRANSFER_KEYWORDS } from "@/lib/validations/channels/limits";
import { errorCodeOf, useFieldError } from "./wizard-fields";
import { useErrorText } from "@/components/forms/use-error-text";
import { fieldId, type BasicValues } from "./wizard-values";

/** "Keyword for Transfer to Agent": type a keyword, Add (or Enter); each keyword is a chip with a remove button. */
export function KeywordListEditor() {
  const t = useTranslations("channelWizard.keywords");
  const errorText = useErrorText();
  const { setError, clearErrors, formState } = useFormContext<BasicValues>();
  const { field } = useController<BasicValues, "transferKeywords">({ name: "transferKeywords" });
  const [typed, setTyped] = useState("");
  const keywords = field.value ?? [];
  const { message } = useFieldError("transferKeywords");
  const itemCode = keywords.map((_, index) => errorCodeOf(formState.errors, `transferKeywords.${index}`)).find(Boolean);
  const shown = message ?? errorText(itemCode);
  const id = fieldId("transferKeywords");
  const full = keywords.length >= MAX_TRANSFER_KEYWORDS;

  const add = () => {
    const keyword = typed.trim();
    if (!keyword || full) return;
    if (keywords.some((existing) => existing.toLowerCase() === keyword.toLowerCase())) {
      setError("transferKeywords", { message: "channels.validation.keywordDuplicate" });
      return;
    }
    clearErrors("transferKeywords");
    field.onChange([...keywords, keyword]);
    setTyped("");
  };

  return (
    <FieldShell id={id} label={t("label")} description={full ? t("full", { max: MAX_TRANSFER_KEYWORDS }) : t("help")}>
      <div className="flex gap-2">
        <Input
          id={id}
          value={typed}
          autoComplete="off"
          maxLength={64}
          disabled={full}
          aria-invalid={Boolean(shown)}
          aria-describedby={describedBy(id, shown, "help")}
          onChange={(event) => setTyped(event.target.value)}
          onBlur={field.onBlur}
          onKeyDown={(event) => {
            if (event.key !== "Enter") return;
            // Enter adds the keyword; it must not move the wizard on.
            event.preventDefault();
            event.stopPropagation();
            add();
          }}
        />
        <Button type="button" variant="outline" onClick={add} disabled={full}>
          {t("add")}
        </Button>
      </div>
      {keywords.length > 0 ? (
        <ul aria-label={t("listLabel")} className="flex flex-wrap gap-2" data-testid="transfer-keywords">
          {keywords.map((keyword, index) => (
            <li key={`${index}-${keyword}`} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-3 pr-1 text-sm">
              <span>{keyword}</span>
              <button
                type="button"
                className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                aria-label={t("remove", { keyword })}
                onClick={() => {
                  clearErrors("transferKeywords");
                  field.onChange(keywords.filter((_, i) => i !== index));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      )}
      <FieldError id={`${id}-error`}>{shown}</FieldError>
    </FieldShell>
  );
}
