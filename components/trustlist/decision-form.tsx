"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { describedBy, FieldShell } from "@/components/forms/field-shell";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/guard/actions";
import type { DecisionOutcome } from "@/lib/trustlist/decisions";
import type { DecideTrustlistRequestValues } from "@/lib/validations/trustlist";
import { useOutcomeNotice } from "./outcome-notice";

export type DecideAction = (input: DecideTrustlistRequestValues) => Promise<ActionResult<DecisionOutcome>>;

/** Approve or reject one request, with an optional note the tenant will read. */
export function DecisionForm({ id, prefix, action }: { id: string; prefix: string; action: DecideAction }) {
  const t = useTranslations("trustlist.system");
  const errorText = useErrorText();
  const router = useRouter();
  const notify = useOutcomeNotice();
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/trustlist").then((m) => m.decideTrustlistRequestSchema),
    defaultValues: { id, decision: "approve", note: "" },
    action,
    onSuccess: (outcome) => {
      const key = outcome.alreadyApproved ? "alreadyApprovedNotice" : outcome.status === "approved" ? "approvedNotice" : "rejectedNotice";
      notify(t(key, { prefix }));
      router.refresh();
    },
  });
  const noteId = `note-${id}`;
  const noteError = errorText(form.formState.errors.note?.message);
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3">
      <FormStatus error={formError} />
      <FieldShell id={noteId} label={t("note")} message={noteError}>
        <Input id={noteId} aria-invalid={Boolean(noteError)} aria-describedby={describedBy(noteId, noteError)} {...form.register("note")} />
      </FieldShell>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} onClick={() => form.setValue("decision", "approve")}>
          {pending ? t("deciding") : t("approve")}
        </Button>
        <Button type="submit" variant="destructive" disabled={pending} onClick={() => form.setValue("decision", "reject")}>
          {t("reject")}
        </Button>
      </div>
    </form>
  );
}
