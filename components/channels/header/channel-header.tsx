import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";

/**
 * The top of the channel page: its name, whether it is enabled, what kind of channel it is, and
 * (for tenant administrators) the actions. A long name wraps rather than widening the page on a phone.
 */
export function ChannelHeader({
  name,
  status,
  statusLabel,
  summary,
  actions,
}: {
  name: string;
  status: "enabled" | "disabled";
  statusLabel: string;
  summary: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{name}</h1>
          <Badge variant={status === "enabled" ? "success" : "danger"} data-testid="channel-status">
            {statusLabel}
          </Badge>
        </div>
        <p className="mt-1 text-sm text-slate-600">{summary}</p>
      </div>
      {actions}
    </div>
  );
}
