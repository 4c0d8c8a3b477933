"use client";

import { useTranslations } from "next-intl";
import { useWatch, type Control } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RetypeField } from "./wizard-restore";
import type { InformationValues } from "./wizard-values";

/*
 * A restored draft has no secrets (they are never kept in drafts): the restored step says which
 * ones to type again, and each such field says so too, until it has a value.
 */

/** The restored secrets still empty. */
function useStillEmpty(control: Control<InformationValues>, fields: readonly RetypeField[]): RetypeField[] {
  const values = useWatch({ control, name: fields.map((field) => field.name) }) as (string | undefined)[];
  return fields.filter((_, index) => !values[index]);
}

export function RetypeSummary({
  control,
  fields,
  onStep1,
  onGoToStep1,
}: {
  control: Control<InformationValues>;
  fields: readonly RetypeField[];
  onStep1: boolean;
  onGoToStep1: () => void;
}) {
  const t = useTranslations("channelWizard");
  const empty = useStillEmpty(control, fields);
  if (empty.length === 0) return null;
  return (
    <Alert data-testid="retype-summary" className="mb-4 grid gap-2 border-amber-300 bg-amber-50 text-amber-900">
      <p className="font-medium">{t("retype.summary")}</p>
      <ul className="list-disc pl-5">
        {empty.map((field) => (
          <li key={field.name}>
            {field.required ? t(`labels.${field.name}` as never) : t("retype.optional", { label: t(`labels.${field.name}` as never) })}
          </li>
        ))}
      </ul>
      {onStep1 ? null : (
        <div>
          <Button type="button" variant="outline" size="sm" onClick={onGoToStep1}>
            {t("retype.goToStep1")}
          </Button>
        </div>
      )}
    </Alert>
  );
}

/** The line under a secret field of a restored draft: "not kept in the draft, type it again". */
export function RetypeNote({ field, value }: { field: RetypeField; value: unknown }) {
  const t = useTranslations("channelWizard.retype");
  if (typeof value === "string" && value !== "") return null;
  return (
    <span className="block font-medium text-amber-800" data-testid={`retype-note-${field.name}`}>
      {field.required ? t("note") : t("noteOptional")}
    </span>
  );
}
