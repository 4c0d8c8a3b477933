"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { useOuTree } from "./ou-tree-context";

/** The confirmation step of deleting an OU; the server explains a refusal (sub-OUs, in use). */
export function DeleteOuConfirm({ ou }: { ou: { id: string; name: string } }) {
  const t = useTranslations("ous");
  const router = useRouter();
  const { actions, done, close } = useOuTree();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const result = await actions.deleteOu({ ouId: ou.id }).catch(() => ({ ok: false as const, error: "unexpected" }));
      if (!result.ok) return setError(result.error);
      done(t("delete.done", { name: ou.name }));
      router.refresh();
    });
  return (
    <div role="group" aria-label={t("actions.deleteLabel", { name: ou.name })} className="grid gap-3">
      <FormStatus error={error} />
      <p className="text-sm">{t("delete.confirm", { name: ou.name })}</p>
      <div className="flex gap-2">
        <Button type="button" variant="destructive" disabled={pending} onClick={confirm}>
          {pending ? t("delete.deleting") : t("delete.submit")}
        </Button>
        <Button type="button" variant="outline" onClick={close}>
          {t("actions.cancel")}
        </Button>
      </div>
    </div>
  );
}
