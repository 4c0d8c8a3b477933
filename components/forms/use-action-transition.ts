"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/guard/actions";

/**
 * A one-click server action (disable, delete, withdraw…): pending state while it runs, the page's
 * data refreshed on success, the error code kept for display on failure. A request that fails
 * outright (network, restart) reads as "unexpected" rather than an unhandled rejection.
 */
export function useActionTransition<I>(action: (input: I) => Promise<ActionResult<unknown>>, onSuccess?: () => void) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (input: I) =>
    startTransition(async () => {
      setError(null);
      const result = await action(input).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) return setError(result.error);
      onSuccess?.();
      router.refresh();
    });
  return { run, pending, error };
}
