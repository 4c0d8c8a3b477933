import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ACTIVITY_PRESETS, activityPeriodHref, type ParsedActivityPeriod } from "@/lib/channels/activity-period";

/**
 * The period as links (the presets) and a GET form (custom dates): the URL carries the period, so
 * a view can be bookmarked or shared, and it works without JavaScript.
 */
export async function PeriodFilter({ basePath, parsed, timeZone }: { basePath: string; parsed: ParsedActivityPeriod; timeZone: string }) {
  const t = await getTranslations("channelActivity.period");
  const { period } = parsed;
  const custom = period.kind === "custom" ? period : null;
  return (
    <div className="grid gap-3">
      <nav aria-label={t("label")} className="flex flex-wrap gap-2">
        {ACTIVITY_PRESETS.map((preset) => {
          const current = period.kind === "preset" && period.preset === preset;
          return (
            <Link
              key={preset}
              href={`${activityPeriodHref(basePath, { kind: "preset", preset })}#activity`}
              aria-current={current ? "page" : undefined}
              className={buttonVariants({ variant: current ? "default" : "outline", size: "sm" })}
            >
              {t(`presets.${preset}`)}
            </Link>
          );
        })}
      </nav>
      {/* Keyed by the applied period, so Back and the preset links also reset what the fields show. */}
      <Form key={activityPeriodHref(basePath, period)} action={basePath} aria-label={t("custom")} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="period" value="custom" />
        <div className="grid gap-1.5">
          <Label htmlFor="activity-from">{t("from")}</Label>
          <Input id="activity-from" name="from" type="date" defaultValue={custom?.from ?? parsed.input.from} required />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="activity-to">{t("to")}</Label>
          <Input id="activity-to" name="to" type="date" defaultValue={custom?.to ?? parsed.input.to} required />
        </div>
        <Button type="submit" variant={custom ? "default" : "outline"} size="sm">
          {t("apply")}
        </Button>
        <p className="basis-full text-xs text-slate-600">{t("timeZone", { timeZone })}</p>
      </Form>
      {parsed.error ? <Alert variant="destructive">{t(`errors.${parsed.error}`)}</Alert> : null}
    </div>
  );
}
