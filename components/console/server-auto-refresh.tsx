"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

/** Often enough to watch a bar move or a report land; each refresh is one indexed read of the page's rows. */
const REFRESH_INTERVAL_MS = 2_000;

/**
 * Re-renders the page from the server while something on it is on its way (an export running, a
 * message awaiting its reports), only while the tab is visible: a hidden tab catches up as soon as
 * it is shown. A slow server never piles refreshes up (the next waits for the last to land), and
 * `giveUpAfterMs` stops a page whose rows may never settle from polling for ever. The label comes
 * translated from the caller, so this needs no message namespace of its own.
 */
export function ServerAutoRefresh({ active, label, testId, giveUpAfterMs }: { active: boolean; label: string; testId: string; giveUpAfterMs?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const pendingRef = useRef(pending);
  useEffect(() => {
    pendingRef.current = pending;
  }, [pending]);

  useEffect(() => {
    if (!active) return;
    const startedAt = Date.now();
    const refresh = () => {
      if (document.visibilityState !== "visible" || pendingRef.current) return;
      if (giveUpAfterMs !== undefined && Date.now() - startedAt > giveUpAfterMs) return;
      startTransition(() => router.refresh());
    };
    const timer = window.setInterval(refresh, REFRESH_INTERVAL_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [active, router, giveUpAfterMs]);

  return active ? (
    <p className="mb-3 text-sm text-slate-600" data-testid={testId}>
      {label}
    </p>
  ) : null;
}
