"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

/** Often enough to see a report land; each refresh reads the channel's latest rows by their index. */
const REFRESH_INTERVAL_MS = 2_000;
/** A message that never settles (no reports from the provider) must not keep a tab polling for ever. */
const GIVE_UP_AFTER_MS = 10 * 60_000;

/**
 * Re-renders the channel page from the server while an outbound message is on its way (queued,
 * sending, or accepted without a final report), only while the tab is visible. The label comes
 * translated from the server, so this needs no message namespace of its own.
 */
export function OutboundAutoRefresh({ active, label }: { active: boolean; label: string }) {
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
      if (document.visibilityState !== "visible" || pendingRef.current || Date.now() - startedAt > GIVE_UP_AFTER_MS) return;
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
    <p className="mb-3 text-sm text-slate-600" data-testid="outbound-refreshing">
      {label}
    </p>
  ) : null;
}
