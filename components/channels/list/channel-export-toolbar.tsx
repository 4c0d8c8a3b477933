"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { useErrorText } from "@/components/forms/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/exports/record";
import type { ActionResult } from "@/lib/guard/actions";
import type { CreateExportInput } from "@/lib/validations/exports";
import { exportRequest, type ExportFilters } from "./export-selection";

export type StartExport = (input: CreateExportInput) => Promise<ActionResult<{ taskId: string; totalRows: number }>>;

export interface ExportScope {
  filters: ExportFilters;
  /** Whether a search or filter narrows the list. */
  filtered: boolean;
  /** What the list counted (`exact: false`: at least `count`). */
  total: { count: number; exact: boolean };
}

type Outcome =
  | { kind: "queued"; taskId: string; totalRows: number }
  | { kind: "failed"; code: string; values?: Record<string, string | number> };

/**
 * "Export" above the channel list: says what will be exported (the ticked channels, or every
 * channel the search and filters match), takes the format, and queues the task. The outcome stays
 * until the next export: a link to the task on the Exports page, or the refusal in words (with
 * how many matched when there are too many).
 */
export function ChannelExportToolbar({
  selectedIds,
  scope,
  startExport,
  onClearSelection,
}: {
  selectedIds: readonly string[];
  scope: ExportScope;
  startExport: StartExport;
  onClearSelection: () => void;
}) {
  const t = useTranslations("channelList.export");
  const errorText = useErrorText();
  const formatId = useId();
  const scopeId = useId();
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const count = selectedIds.length;

  const scopeText =
    count > 0
      ? t("scopeSelected", { count })
      : t(scope.filtered ? (scope.total.exact ? "scopeFiltered" : "scopeFilteredCapped") : scope.total.exact ? "scopeAll" : "scopeAllCapped", {
          count: scope.total.count,
        });

  const start = () =>
    startTransition(async () => {
      setOutcome(null);
      // A request that fails outright (network, restart) reads as "unexpected", not as an unhandled rejection.
      const result: Awaited<ReturnType<StartExport>> = await startExport(exportRequest(format, selectedIds, scope.filters)).catch(() => ({
        ok: false,
        error: "unexpected",
      }));
      if (result.ok) return setOutcome({ kind: "queued", ...result.data });
      // A field's rule (a malformed id, say) says more than the generic "some fields need attention".
      const fieldCode = Object.values(result.fieldErrors ?? {})[0]?.[0];
      setOutcome({ kind: "failed", code: fieldCode ?? result.error, values: result.values });
    });

  return (
    <section aria-label={t("label")} className="grid gap-3 border-b border-slate-200 p-3" data-testid="channel-export">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-56 flex-1 gap-0.5">
          <p id={scopeId} className="text-sm">
            <span className="font-medium">{t("scopeIntro")}</span> <span data-testid="export-scope">{scopeText}</span>
          </p>
          <p className="text-xs text-slate-600">{t("selectionHint")}</p>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={formatId}>{t("format")}</Label>
          <Select id={formatId} value={format} disabled={pending} onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)} className="w-44">
            {EXPORT_FORMATS.map((value) => (
              <option key={value} value={value}>
                {t(`formats.${value}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="button" disabled={pending} onClick={start} aria-describedby={scopeId}>
          {pending ? t("submitting") : t("submit")}
        </Button>
        {count > 0 ? (
          <Button type="button" variant="ghost" disabled={pending} onClick={onClearSelection}>
            {t("clearSelection")}
          </Button>
        ) : null}
      </div>
      {outcome?.kind === "queued" ? (
        <Alert variant="success" data-testid="export-queued">
          {t("queued", { count: outcome.totalRows })}{" "}
          <Link href={`/exports#task-${outcome.taskId}`} className="font-medium underline">
            {t("follow")}
          </Link>
        </Alert>
      ) : outcome?.kind === "failed" ? (
        <Alert variant="destructive" data-testid="export-error">
          {errorText(outcome.code, outcome.values)}
        </Alert>
      ) : null}
    </section>
  );
}
