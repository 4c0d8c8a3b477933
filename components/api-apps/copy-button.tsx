"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "failed";

/** Copies `value` to the clipboard and says whether it worked, next to the button. */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const t = useTranslations("apiApps.reveal");
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // No clipboard (insecure origin, denied permission): the value stays selectable on screen.
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="outline" size="sm" onClick={copy} aria-label={t("copyLabel", { what })}>
        {t("copy")}
      </Button>
      <span role="status" className={state === "failed" ? "text-xs text-red-700" : "text-xs text-green-800"}>
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </span>
    </span>
  );
}
