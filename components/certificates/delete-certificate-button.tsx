"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";

/** Delete, after an explicit second click; a certificate a channel still uses is refused with the reason. */
export function DeleteCertificateButton({
  certificate,
  action,
  afterDelete,
}: {
  certificate: { id: string; name: string };
  action: (input: { certificateId: string }) => Promise<ActionResult<void>>;
  /** Where to go once deleted (the details page leaves); by default the current page refreshes. */
  afterDelete?: string;
}) {
  const t = useTranslations("certificates.delete");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      let result: ActionResult<void>;
      try {
        result = await action({ certificateId: certificate.id });
      } catch {
        result = { ok: false, error: "unexpected" };
      }
      if (!result.ok) {
        setError(result.error);
        setConfirming(false);
        return;
      }
      // The row (or the whole details page) goes away: the toast says it worked.
      toast.success(t("done", { name: certificate.name }));
      if (afterDelete) router.push(afterDelete);
      else router.refresh();
    });
  return (
    <div className="grid gap-2">
      <FormStatus error={error} />
      {confirming ? (
        <div role="group" aria-label={t("confirmLabel", { name: certificate.name })} className="flex flex-wrap items-center gap-2">
          <span className="text-sm">{t("question", { name: certificate.name })}</span>
          <Button type="button" size="sm" variant="destructive" disabled={pending} onClick={remove}>
            {pending ? t("deleting") : t("confirm")}
          </Button>
          <Button type="button" size="sm" variant="outline" disabled={pending} onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        <div>
          <Button type="button" size="sm" variant="outline" aria-label={t("labelFor", { name: certificate.name })} onClick={() => setConfirming(true)}>
            {t("delete")}
          </Button>
        </div>
      )}
    </div>
  );
}
