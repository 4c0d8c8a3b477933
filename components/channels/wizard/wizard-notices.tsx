"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RestoredDraft } from "@/lib/channels/wizard-page-data";

export type { RestoredDraft };

/** "Restored your unsaved changes from …", with Discard. */
export function DraftNotice({
  draft,
  secretsLost,
  outdated,
  onDiscard,
}: {
  draft: RestoredDraft;
  secretsLost: boolean;
  outdated: boolean;
  onDiscard: () => Promise<void>;
}) {
  const t = useTranslations("channelWizard.draft");
  const [pending, setPending] = useState(false);
  return (
    <Alert data-testid="draft-notice" className="flex flex-wrap items-center justify-between gap-3">
      <div className="grid gap-1">
        <p>{t("restored", { time: draft.savedAt })}</p>
        {secretsLost ? <p>{t("secretsNotRestored")}</p> : null}
        {outdated ? <p className="font-medium">{t("outdated")}</p> : null}
      </div>
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          await onDiscard();
          setPending(false);
        }}
      >
        {pending ? t("discarding") : t("discard")}
      </Button>
    </Alert>
  );
}

/** Someone saved the channel after this edit began: say so, and offer to load their version. */
export function StaleVersionNotice({ onReload }: { onReload: () => Promise<void> }) {
  const t = useTranslations("channelWizard.stale");
  const errors = useTranslations("channels.errors");
  const [pending, setPending] = useState(false);
  return (
    <Alert variant="destructive" data-testid="stale-version" className="grid gap-2 border-2 text-base">
      <p className="font-semibold">{t("title")}</p>
      <p>{errors("staleVersion")}</p>
      <p className="text-sm">{t("explain")}</p>
      <div>
        <a
          href=""
          className="font-medium text-red-900 underline"
          aria-disabled={pending}
          onClick={async (event) => {
            event.preventDefault();
            if (pending) return;
            setPending(true);
            await onReload();
          }}
        >
          {pending ? t("reloading") : t("reload")}
        </a>
      </div>
    </Alert>
  );
}
