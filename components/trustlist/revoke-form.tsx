"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { describedBy, FieldShell } from "@/components/forms/field-shell";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/guard/actions";
import type { RevokeTrustlistPrefixValues } from "@/lib/validations/trustlist";

export type RevokeAction = (input: RevokeTrustlistPrefixValues) => Promise<ActionResult<void>>;

/** Revoking is global and immediate, so it takes a second, explicit click. */
export function RevokeForm({ id, prefix, action }: { id: string; prefix: string; action: RevokeAction }) {
  const t = useTranslations("trustlist.system");
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/trustlist").then((m) => m.revokeTrustlistPrefixSchema),
    defaultValues: { id, note: "" },
    action,
    // The row leaves the list: the toast is where the outcome stays in view.
    onSuccess: () => {
      toast.success(t("revokedNotice", { prefix }));
      router.refresh();
    },
  });
  if (!open) {
    return (
      <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)} aria-label={t("revokeLabel", { prefix })}>
        {t("revoke")}
      </Button>
    );
  }
  const noteId = `revoke-note-${id}`;
  const noteError = errorText(form.formState.errors.note?.message);
  return (
    <form onSubmit={onSubmit} noValidate className="grid min-w-64 gap-2">
      <FormStatus error={formError} />
      <FieldShell id={noteId} label={t("revokeNote")} message={noteError}>
        <Input id={noteId} aria-invalid={Boolean(noteError)} aria-describedby={describedBy(noteId, noteError)} {...form.register("note")} />
      </FieldShell>
      <div className="flex gap-2">
        <Button type="submit" variant="destructive" size="sm" disabled={pending}>
          {pending ? t("revoking") : t("confirmRevoke")}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
