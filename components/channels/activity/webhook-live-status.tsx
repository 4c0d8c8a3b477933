"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { WebhookEndpoint } from "@/db/schema/webhooks";
import { liveStatusOf, type EndpointStatusSnapshot } from "@/lib/channels/webhook-live-status";
import { isWebhookReason } from "@/lib/webhooks/reasons";

/** Often enough to feel live while an administrator pastes URLs into a provider's console; cheap (one indexed read). */
export const POLL_INTERVAL_MS = 3_000;

export interface LiveStatusUrl {
  name: WebhookEndpoint;
  label: string;
}

/**
 * Each webhook URL's live status, starting from what the server rendered and refreshed from
 * GET /api/channels/{id}/webhook-status while the page is visible (a hidden tab does not poll,
 * and polls at once when it is shown again).
 */
export function WebhookLiveStatus({
  channelId,
  urls,
  initial,
  timeZone,
}: {
  channelId: string;
  urls: LiveStatusUrl[];
  initial: EndpointStatusSnapshot[];
  timeZone: string;
}) {
  const t = useTranslations("channelActivity");
  const format = useFormatter();
  const [snapshots, setSnapshots] = useState(initial);

  useEffect(() => {
    let inFlight: AbortController | null = null;
    const poll = async () => {
      if (document.visibilityState !== "visible" || inFlight) return;
      const controller = new AbortController();
      inFlight = controller;
      try {
        const response = await fetch(`/api/channels/${channelId}/webhook-status`, { cache: "no-store", signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { endpoints?: unknown };
        if (Array.isArray(body.endpoints)) setSnapshots(body.endpoints as EndpointStatusSnapshot[]);
      } catch {
        // A failed poll (offline, server restarting) keeps the last status; the next one tries again.
      } finally {
        if (inFlight === controller) inFlight = null;
      }
    };
    const timer = window.setInterval(poll, POLL_INTERVAL_MS);
    const onVisibility = () => void poll();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      inFlight?.abort();
    };
  }, [channelId]);

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "long", timeZone });
  const reasonText = (reason: string) => (isWebhookReason(reason) ? t(`reasons.${reason}`) : t("reasons.other", { code: reason }));

  return (
    <ul className="grid gap-4">
      {urls.map((url) => {
        const status = liveStatusOf(snapshots.find((snapshot) => snapshot.endpoint === url.name));
        return (
          <li key={url.name} className="grid gap-1">
            <p id={`webhook-status-${url.name}-title`} className="text-sm font-medium">
              {t("live.statusOf", { url: url.label })}
            </p>
            <div
              role="status"
              aria-live="polite"
              aria-labelledby={`webhook-status-${url.name}-title`}
              data-testid={`webhook-status-${url.name}`}
              data-state={status.state}
              className="grid gap-0.5 text-sm"
            >
              <p className="flex items-center gap-2">
                <span aria-hidden="true" className={`inline-block size-2 rounded-full ${status.state === "receiving" ? "bg-green-600" : "bg-slate-400"}`} />
                {status.lastCallAt ? t("live.receiving", { time: when(status.lastCallAt) }) : t("live.waiting")}
              </p>
              {status.verifiedAt ? <p className="text-xs text-slate-600">{t("live.verified", { time: when(status.verifiedAt) })}</p> : null}
              {status.rejection ? (
                <p className="text-red-700" data-testid={`webhook-rejection-${url.name}`}>
                  {t("live.rejected", { time: when(status.rejection.at), reason: reasonText(status.rejection.reason) })}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
