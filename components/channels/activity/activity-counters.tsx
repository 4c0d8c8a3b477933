import { getFormatter, getTranslations } from "next-intl/server";
import type { ActivityCounts } from "@/db/queries/channel-activity";
import type { ActivityPeriod } from "@/lib/channels/activity-period";

const COUNTERS = ["received", "sent", "delivered", "read", "failed"] as const satisfies readonly (keyof ActivityCounts)[];

/** A calendar date ("YYYY-MM-DD") at UTC midnight: formatted in UTC it shows that very date. */
const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** The five counters of the chosen period (seed 002: "total sent" includes failed messages). */
export async function ActivityCounters({ period, counts }: { period: ActivityPeriod; counts: ActivityCounts }) {
  const [t, tp, format] = await Promise.all([getTranslations("channelActivity.counters"), getTranslations("channelActivity.period"), getFormatter()]);
  const day = (date: string) => format.dateTime(utcDate(date), { dateStyle: "medium", timeZone: "UTC" });
  const periodText = period.kind === "preset" ? tp(`presets.${period.preset}`) : tp("range", { from: day(period.from), to: day(period.to) });
  const label = t("label", { period: periodText });
  return (
    <section aria-label={label}>
      <p className="mb-2 text-sm font-medium text-slate-700">{label}</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {COUNTERS.map((counter) => (
          <div key={counter} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <dt className="text-sm font-medium text-slate-700">{t(counter)}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`activity-count-${counter}`}>
              {format.number(counts[counter])}
            </dd>
            <dd className="text-xs text-slate-600">{t(`${counter}Hint`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
