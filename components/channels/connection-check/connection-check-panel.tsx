"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConnectionCheckAnswer } from "@/lib/channels/connection-check/checks";
import type { ActionResult } from "@/lib/guard/actions";
import { CheckSteps } from "./check-steps";

export type CheckConnectionAction = (input: { channelId: string }) => Promise<ActionResult<ConnectionCheckAnswer>>;

const VARIANT = { passed: "success", warning: "warning", failed: "danger" } as const;

/**
 * "Check connection" on the channel page and the integration step: the last result with its time,
 * and for tenant administrators the button (support staff see the result only).
 */
export function ConnectionCheckPanel({
  channelId,
  initial,
  action,
}: {
  channelId: string;
  initial: ConnectionCheckAnswer | null;
  /** Absent for support staff. */
  action?: CheckConnectionAction;
}) {
  const t = useTranslations("connectionCheck");
  const format = useFormatter();
  const [result, setResult] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string | number> | undefined>();
  const [pending, startTransition] = useTransition();
  const check = () =>
    startTransition(async () => {
      setError(null);
      const answer = await action!({ channelId }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (answer.ok) setResult(answer.data);
      else {
        setError(answer.error);
        setValues("values" in answer ? answer.values : undefined);
      }
    });

  return (
    <section className="grid gap-3" aria-labelledby="connection-check-title" data-testid="connection-check">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="connection-check-title" className="text-base font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-600">{t("description")}</p>
        </div>
        {action ? (
          <Button type="button" onClick={check} disabled={pending} aria-busy={pending}>
            {pending ? t("checking") : t("check")}
          </Button>
        ) : null}
      </div>
      {action ? null : <p className="text-sm text-slate-600">{t("readOnly")}</p>}
      <FormStatus error={error} values={values} />
      {pending ? (
        <p role="status" className="text-sm text-slate-600">
          {t("checking")}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="flex items-center gap-2 text-sm" data-testid="connection-check-outcome" data-outcome={result.outcome}>
            <Badge variant={VARIANT[result.outcome]}>{t(`outcomes.${result.outcome}`)}</Badge>
            <time dateTime={result.checkedAt}>{t("checkedAt", { time: format.dateTime(new Date(result.checkedAt), { dateStyle: "medium", timeStyle: "medium" }) })}</time>
          </p>
          <CheckSteps steps={result.steps} />
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("neverChecked")}</p>
      )}
    </section>
  );
}
