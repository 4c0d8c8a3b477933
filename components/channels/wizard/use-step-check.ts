"use client";

import { useRef, useState } from "react";
import type { ActionResult } from "@/lib/guard/actions";
import { variantOfValues, type InformationValues } from "./wizard-values";

/*
 * Next asks the server about what only it can judge before leaving a step (issue 17, bug 3): is
 * the channel name free in the tenant (step 2), does Telegram know the bot token (step 1). A token
 * Telegram accepted is not asked about again while it stays the same (each check is a call to
 * Telegram, counted against the tenant's outbound limit); a name is always asked (a cheap query,
 * and another administrator may have taken it meanwhile).
 */

export type CheckStepAction = (input: unknown) => Promise<ActionResult<void>>;

export function useStepCheck(checkStep: CheckStepAction, channelId: string | undefined) {
  const [checking, setChecking] = useState(false);
  const acceptedToken = useRef<string | null>(null);

  const ask = async (input: unknown): Promise<ActionResult<void>> => {
    setChecking(true);
    try {
      return await checkStep(input);
    } catch {
      return { ok: false, error: "unexpected" };
    } finally {
      setChecking(false);
    }
  };

  /** The server's verdict on step 1's values (already valid by the schema); ok when there is nothing to ask. */
  const checkInformation = async (values: InformationValues): Promise<ActionResult<void>> => {
    const botToken = values.botToken?.trim() ?? "";
    if (variantOfValues(values) !== "telegram" || botToken === "" || botToken === acceptedToken.current) return { ok: true, data: undefined };
    const result = await ask({ step: "information", information: { botToken } });
    if (result.ok) acceptedToken.current = botToken;
    return result;
  };

  const checkBasic = (name: string): Promise<ActionResult<void>> => ask({ step: "basic", channelId, basic: { name } });

  return { checking, checkInformation, checkBasic };
}
