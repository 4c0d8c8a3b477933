"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useErrorText } from "@/components/forms/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BulkCheckItem } from "@/lib/channels/connection-check/checks";
import { BULK_CHECK_CONCURRENCY } from "@/lib/channels/connection-check/limits";
import type { ActionResult } from "@/lib/guard/actions";

export type CheckConnectionsAction = (input: { channelIds: string[] }) => Promise<ActionResult<BulkCheckItem[]>>;

type Progress = { done: number; total: number; items: BulkCheckItem[]; finished: boolean };

/**
 * "Check connection" for the ticked channels. The server runs each request's checks at most
 * BULK_CHECK_CONCURRENCY at a time; the selection goes in requests of that many, one after
 * another, so the progress moves as each round finishes and the marks update as results arrive.
 */
export function BulkConnectionCheck({
  selectedIds,
  action,
  onResults,
}: {
  selectedIds: readonly string[];
  action: CheckConnectionsAction;
  onResults: (items: BulkCheckItem[]) => void;
}) {
  const t = useTranslations("connectionCheck.bulk");
  const errorText = useErrorText();
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [pending, startTransition] = useTransition();

  const run = () =>
    startTransition(async () => {
      const ids = [...selectedIds];
      const items: BulkCheckItem[] = [];
      setProgress({ done: 0, total: ids.length, items, finished: false });
      for (let start = 0; start < ids.length; start += BULK_CHECK_CONCURRENCY) {
        const chunk = ids.slice(start, start + BULK_CHECK_CONCURRENCY);
        const answer = await action({ channelIds: chunk }).catch(() => ({ ok: false as const, error: "unexpected" }));
        const got: BulkCheckItem[] = answer.ok ? answer.data : chunk.map((channelId) => ({ channelId, ok: false as const, error: answer.error }));
        items.push(...got);
        onResults(got);
        setProgress({ done: items.length, total: ids.length, items: [...items], finished: false });
      }
      setProgress({ done: items.length, total: ids.length, items, finished: true });
      router.refresh();
    });

  const count = (outcome: string) => progress?.items.filter((item) => item.ok && item.outcome === outcome).length ?? 0;
  const refused = progress?.items.filter((item): item is Extract<BulkCheckItem, { ok: false }> => !item.ok) ?? [];
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="outline" onClick={run} disabled={pending || selectedIds.length === 0} data-testid="bulk-connection-check">
        {t("check", { count: selectedIds.length })}
      </Button>
      {progress && !progress.finished ? (
        <span role="status" className="text-sm text-slate-600" data-testid="bulk-check-progress">
          <progress className="mr-2 align-middle" max={progress.total} value={progress.done} />
          {t("progress", { done: Math.min(progress.done + 1, progress.total), total: progress.total })}
        </span>
      ) : null}
      {progress?.finished ? (
        <Alert variant={refused.length > 0 || count("failed") > 0 ? "destructive" : "success"} data-testid="bulk-check-summary">
          {t("done", { total: progress.total, passed: count("passed"), warning: count("warning"), failed: count("failed") })}
          {refused.length > 0 ? ` ${t("notChecked", { count: refused.length, reason: errorText(refused[0]!.error) ?? "" })}` : null}
        </Alert>
      ) : null}
    </div>
  );
}
