"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { disallowedTelegramPort } from "@/lib/channels/telegram-webhook/ports";

/**
 * The wizard's Telegram step: Telegram calls webhooks only on four ports, said always, and a
 * warning as soon as the typed BaseUrl names another (the address Telegram is to call).
 */
export function TelegramPortNotice() {
  const t = useTranslations("providerTools.wizard");
  const baseUrl = useWatch({ name: "baseUrl" }) as unknown;
  const port = typeof baseUrl === "string" && baseUrl.trim() ? disallowedTelegramPort(baseUrl.trim()) : null;
  return (
    <p className={port === null ? "text-xs text-slate-500" : "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"} data-testid="telegram-port-notice">
      {t("portHint")}
      {port === null ? null : ` ${t("portWarning", { port })}`}
    </p>
  );
}
