"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { HealthMark as Mark } from "@/lib/channels/connection-check/view";

const VARIANT = { passed: "success", warning: "warning", failed: "danger" } as const;

/** A channel's connection health in the list: its last check's outcome (and when, on hover), or "never checked". */
export function HealthMark({ mark }: { mark: Mark | undefined }) {
  const t = useTranslations("connectionCheck");
  const format = useFormatter();
  if (!mark) {
    return (
      <Badge variant="default" data-testid="connection-health" data-outcome="never">
        {t("outcomes.never")}
      </Badge>
    );
  }
  const outcome = t(`outcomes.${mark.outcome}`);
  const time = format.dateTime(new Date(mark.checkedAt), { dateStyle: "medium", timeStyle: "short" });
  return (
    <Badge variant={VARIANT[mark.outcome]} title={t("health.checkedAt", { outcome, time })} data-testid="connection-health" data-outcome={mark.outcome}>
      {outcome}
    </Badge>
  );
}
