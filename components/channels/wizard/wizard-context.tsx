"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { RequestPrefixAction } from "@/components/trustlist/request-prefix-form";
import type { ChannelFormOptions } from "@/db/queries/channel-form-options";
import type { RetypeField } from "./wizard-restore";

/** What every step of one wizard shares: the tenant's choices and, when editing, the stored secrets' masks. */
export interface WizardSettings {
  mode: "create" | "edit";
  options: ChannelFormOptions;
  /** Masks of the stored secrets by field (edit mode); empty for a new channel. */
  masks: Record<string, string>;
  /** For tenant administrators: request a refused BaseUrl's prefix right from the field. */
  requestTrustlistAction?: RequestPrefixAction;
  /** The tenant's pending trustlist requests: a refused BaseUrl under one shows it, not a second request. */
  pendingPrefixes?: readonly string[];
  /** Secrets a restored draft could not bring back, to be typed again. */
  retype?: readonly RetypeField[];
}

const WizardContext = createContext<WizardSettings | null>(null);

export function WizardSettingsProvider({ value, children }: { value: WizardSettings; children: ReactNode }) {
  return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}

export function useWizardSettings(): WizardSettings {
  const settings = useContext(WizardContext);
  if (!settings) throw new Error("useWizardSettings outside <WizardSettingsProvider>");
  return settings;
}
