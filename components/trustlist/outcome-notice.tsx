"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { LiveStatus } from "@/components/forms/live-status";

const NoticeContext = createContext<(notice: string) => void>(() => {});

/**
 * Holds the outcome of the last decision above the list it changed: the decided row leaves the
 * list on refresh, and this client state survives `router.refresh()` while the row does not.
 */
export function OutcomeNotice({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <NoticeContext.Provider value={setNotice}>
      <LiveStatus className="mb-4" data-testid="trustlist-outcome">
        {notice}
      </LiveStatus>
      {children}
    </NoticeContext.Provider>
  );
}

export function useOutcomeNotice(): (notice: string) => void {
  return useContext(NoticeContext);
}
