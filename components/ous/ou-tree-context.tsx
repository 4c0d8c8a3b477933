"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { LiveStatus } from "@/components/forms/live-status";
import type { ActionResult } from "@/lib/guard/actions";
import type { MoveTargets } from "@/lib/ous/ous";
import type { CreateOuInput, MoveOuInput, OuIdInput, RenameOuInput } from "@/lib/validations/ous";

export interface OuActions {
  createOu: (input: CreateOuInput) => Promise<ActionResult<{ id: string }>>;
  renameOu: (input: RenameOuInput) => Promise<ActionResult<void>>;
  moveOu: (input: MoveOuInput) => Promise<ActionResult<void>>;
  deleteOu: (input: OuIdInput) => Promise<ActionResult<void>>;
  listMoveTargets: (input: OuIdInput) => Promise<ActionResult<MoveTargets>>;
}

export type OuPanel = "addChild" | "rename" | "move" | "delete";

interface OuTreeState {
  actions: OuActions;
  /** At most one row's panel is open at a time. */
  open: { ouId: string; panel: OuPanel } | null;
  toggle(ouId: string, panel: OuPanel): void;
  close(): void;
  /** Closes the panel and says what happened (the tree itself refreshes from the server). */
  done(notice: string): void;
}

const OuTreeContext = createContext<OuTreeState | null>(null);

export function useOuTree(): OuTreeState {
  const state = useContext(OuTreeContext);
  if (!state) throw new Error("useOuTree outside <OuTreeProvider>");
  return state;
}

/** The tenant administrator's OU page: server actions, the open panel, and the last outcome. */
export function OuTreeProvider({ actions, children }: { actions: OuActions; children: ReactNode }) {
  const [open, setOpen] = useState<OuTreeState["open"]>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useCallback((ouId: string, panel: OuPanel) => {
    setNotice(null);
    setOpen((current) => (current?.ouId === ouId && current.panel === panel ? null : { ouId, panel }));
  }, []);
  const close = useCallback(() => setOpen(null), []);
  const done = useCallback((message: string) => {
    setOpen(null);
    setNotice(message);
  }, []);
  const value = useMemo(() => ({ actions, open, toggle, close, done }), [actions, open, toggle, close, done]);
  return (
    <OuTreeContext.Provider value={value}>
      <LiveStatus className="mb-4" data-testid="ou-notice">
        {notice}
      </LiveStatus>
      {children}
    </OuTreeContext.Provider>
  );
}
