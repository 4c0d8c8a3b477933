"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { useErrorText } from "@/components/forms/use-error-text";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/guard/actions";
import type { DecisionOutcome } from "@/lib/trustlist/decisions";
import { decideTrustlistRequestSchema, type DecideTrustlistRequestValues } from "@/lib/validations/trustlist";
import { useOutcomeNotice } from "./outcome-notice";

export type DecideAction = (input: DecideTrustlistRequestValues) => Promise<ActionResult<DecisionOutcome>>;

/** Approve or reject one request, with an optional note the tenant will read. */
export function DecisionForm({ id, prefix, action }: { id: string; prefix: string; action: DecideAction }) {
  const t = useTranslations("trustlist.system");
  const errorText = useErrorText();
  const router = useRouter();
  const notify = useOutcomeNotice();
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: decideTrustlistRequestSchema,
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
      <Field data-invalid={Boolean(noteError)}>
        <Label htmlFor={noteId}>{t("note")}</Label>
        <Input id={noteId} aria-invalid={Boolean(noteError)} aria-describedby={noteError ? `${noteId}-error` : undefined} {...form.register("note")} />
        <FieldError id={`${noteId}-error`}>{noteError}</FieldError>
      </Field>
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
