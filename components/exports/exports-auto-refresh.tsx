"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useTransition } from "react";

/** Often enough to watch a bar move; each refresh is one page of tasks read by its tenant index. */
export const REFRESH_INTERVAL_MS = 2_000;

/**
 * Re-renders the export list from the server while a task on it is queued or running, and only
 * while the tab is visible (a hidden tab catches up as soon as it is shown). It stops by itself:
 * the refresh that shows the last task finished renders it with `active` false.
 */
export function ExportsAutoRefresh({ active }: { active: boolean }) {
  const t = useTranslations("exports");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const pendingRef = useRef(pending);
  useEffect(() => {
    pendingRef.current = pending;
  }, [pending]);

  useEffect(() => {
    if (!active) return;
    const refresh = () => {
      // A slow server must not pile refreshes up: the next one waits for the last to land.
      if (document.visibilityState !== "visible" || pendingRef.current) return;
      startTransition(() => router.refresh());
    };
    const timer = window.setInterval(refresh, REFRESH_INTERVAL_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [active, router]);

  return active ? (
    <p className="mb-3 text-sm text-slate-600" data-testid="exports-refreshing">
      {t("refreshing")}
    </p>
  ) : null;
}
