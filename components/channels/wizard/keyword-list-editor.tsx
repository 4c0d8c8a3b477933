"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { describedBy, FieldShell } from "@/components/forms/field-shell";
import { FieldError } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { existingKeyword } from "@/lib/validations/channels/keywords";
import { MAX_TRANSFER_KEYWORDS } from "@/lib/validations/channels/limits";
import { errorCodeOf, useFieldError } from "./wizard-fields";
import { useErrorText } from "@/components/forms/use-error-text";
import { fieldId, type BasicValues } from "./wizard-values";

const DUPLICATE = "channels.validation.keywordDuplicate";

/**
 * "Keyword for Transfer to Agent": type a keyword, Add (or Enter); each keyword is a chip with a
 * remove button. A repeat (trimmed, any case) is refused with an error naming both spellings and
 * stays in the input to be corrected; it is never dropped without a word.
 */
export function KeywordListEditor() {
  const t = useTranslations("channelWizard.keywords");
  const errorText = useErrorText();
  const { clearErrors, formState } = useFormContext<BasicValues>();
  const { field } = useController<BasicValues, "transferKeywords">({ name: "transferKeywords" });
  const [typed, setTyped] = useState("");
  // Local, not a form error: the list itself is fine, and a resolver run must not wipe the notice.
  const [repeat, setRepeat] = useState<{ keyword: string; existing: string } | null>(null);
  const keywords = field.value ?? [];
  const { message } = useFieldError("transferKeywords");
  const itemIndex = keywords.findIndex((_, index) => errorCodeOf(formState.errors, `transferKeywords.${index}`));
  const itemCode = itemIndex >= 0 ? errorCodeOf(formState.errors, `transferKeywords.${itemIndex}`) : undefined;
  const item = keywords[itemIndex] ?? "";
  const shown = repeat
    ? errorText(DUPLICATE, repeat)
    : (message ?? errorText(itemCode, { keyword: item, existing: existingKeyword(keywords.slice(0, itemIndex), item) ?? item }));
  const id = fieldId("transferKeywords");
  const full = keywords.length >= MAX_TRANSFER_KEYWORDS;

  const add = () => {
    const keyword = typed.trim();
    if (!keyword || full) return;
    const existing = existingKeyword(keywords, keyword);
    if (existing !== undefined) {
      setRepeat({ keyword, existing });
      return;
    }
    setRepeat(null);
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
          onChange={(event) => {
            setTyped(event.target.value);
            setRepeat(null);
          }}
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
                  setRepeat(null);
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
