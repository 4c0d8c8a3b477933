import Link from "next/link";
import { channelTabHref, type ChannelTab } from "@/lib/channels/channel-tabs";
import { cn } from "@/lib/utils";

/**
 * The channel page's tabs as links (`?tab=`): each is a URL of its own, works without JavaScript,
 * and the server renders only the selected one. A navigation with `aria-current` rather than an
 * ARIA tablist, because each tab is a page load, not a panel switched in place. On a phone the
 * row wraps instead of widening the page.
 */
export function ChannelTabs({
  channelId,
  tabs,
  current,
  label,
  labels,
}: {
  channelId: string;
  tabs: readonly ChannelTab[];
  current: ChannelTab;
  label: string;
  labels: Record<ChannelTab, string>;
}) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200" data-testid="channel-tabs">
      <ul className="-mb-px flex flex-wrap gap-x-1 text-sm">
        {tabs.map((tab) => (
          <li key={tab}>
            <Link
              href={channelTabHref(channelId, tab)}
              aria-current={tab === current ? "page" : undefined}
              className={cn(
                "inline-block rounded-t-md border-b-2 border-transparent px-3 py-2 text-slate-600 hover:border-slate-400 hover:text-slate-900",
                "focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600",
                tab === current && "border-slate-900 font-medium text-slate-900",
              )}
            >
              {labels[tab]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
