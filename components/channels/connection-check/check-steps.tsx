"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { ConnectionCheckAnswer } from "@/lib/channels/connection-check/checks";

const VARIANT = { passed: "success", warning: "warning", failed: "danger", skipped: "default" } as const;
const MARK = { passed: "✓", warning: "!", failed: "✕", skipped: "–" } as const;

/** The steps of a check in order: outcome, the provider's code and words, what it saw, and what to do. */
export function CheckSteps({ steps }: { steps: ConnectionCheckAnswer["steps"] }) {
  const t = useTranslations("connectionCheck");
  // Detail names and advice keys come from stored checks: shown only when the catalog knows them.
  const tAll = useTranslations();
  const text = (key: string) => (tAll.has(key as never) ? tAll(key as never) : null);
  return (
    <ol className="grid gap-3" data-testid="connection-check-steps">
      {steps.map((step) => (
        <li key={step.step} className="rounded-md border border-slate-200 p-3 text-sm" data-testid={`check-step-${step.step}`} data-outcome={step.outcome}>
          <div className="flex flex-wrap items-center gap-2">
            <span aria-hidden="true" className="w-4 text-center font-semibold">
              {MARK[step.outcome]}
            </span>
            <span className="font-medium">{t(`steps.${step.step}`)}</span>
            <Badge variant={VARIANT[step.outcome]}>{t(`outcomes.${step.outcome}`)}</Badge>
          </div>
          {step.providerCode || step.message ? (
            <p className="mt-1 pl-6 text-slate-800" data-testid="check-step-provider">
              {step.providerCode ? <span className="mr-2 font-mono">{t("providerCode", { code: step.providerCode })}</span> : null}
              {step.message ? <q>{step.message}</q> : null}
            </p>
          ) : null}
          {step.details && Object.keys(step.details).length > 0 ? (
            <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 pl-6 text-slate-600">
              {Object.entries(step.details).map(([key, value]) => (
                <div key={key} className="contents">
                  <dt>{text(`connectionCheck.details.${key}`) ?? key}</dt>
                  <dd className="min-w-0 [overflow-wrap:anywhere]">{value === "presented" ? t("presented") : value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {step.adviceKey && text(step.adviceKey) ? <p className="mt-1 pl-6 text-slate-700">{text(step.adviceKey)}</p> : null}
        </li>
      ))}
    </ol>
  );
}
