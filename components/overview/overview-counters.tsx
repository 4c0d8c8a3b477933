import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ChannelState } from "@/lib/overview/classify";
import { cn } from "@/lib/utils";

const TONE: Record<ChannelState, string> = {
  receiving: "border-green-200 hover:border-green-400",
  silent: "border-amber-200 hover:border-amber-400",
  failing: "border-red-200 hover:border-red-400",
  disabled: "border-slate-200 hover:border-slate-400",
};
const COUNT_TONE: Record<ChannelState, string> = {
  receiving: "text-green-800",
  silent: "text-amber-900",
  failing: "text-red-800",
  disabled: "text-slate-700",
};

/**
 * One card per channel state, each a link: failing and silent to their lists below, receiving and
 * disabled to the channel list filtered as near as it can (it filters by enabled / disabled).
 */
export async function OverviewCounters({ counts }: { counts: Record<ChannelState, number> }) {
  const t = await getTranslations("overview.counters");
  const cards: { state: ChannelState; href: string }[] = [
    { state: "failing", href: "#failing-channels" },
    { state: "silent", href: "#silent-channels" },
    { state: "receiving", href: "/channels?status=enabled" },
    { state: "disabled", href: "/channels?status=disabled" },
  ];
  return (
    <section aria-label={t("label")}>
      <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {cards.map(({ state, href }) => (
          <li key={state}>
            <Link
              href={href}
              data-testid={`overview-count-${state}`}
              className={cn(
                "block h-full rounded-lg border-2 bg-white p-4 shadow-sm focus-visible:outline-2 focus-visible:outline-slate-900",
                TONE[state],
              )}
            >
              <span className={cn("block text-3xl font-semibold tabular-nums", COUNT_TONE[state])} data-testid="count">
                {counts[state]}
              </span>
              <span className="block font-medium">{t(state)}</span>
              <span className="mt-1 block text-xs text-slate-600">{t(`${state}Hint`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
