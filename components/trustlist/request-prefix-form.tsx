"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { RequestTrustlistPrefixInput } from "@/lib/validations/trustlist";

export type RequestPrefixAction = (input: RequestTrustlistPrefixInput) => Promise<ActionResult<{ id: string; prefix: string }>>;

/**
 * A tenant administrator's request; the prefix is checked (and normalised) as they submit. With
 * `onRequested` the caller takes over after success (the wizard closes the form); without it the
 * form empties for the next request and says what was requested.
 */
export function RequestPrefixForm({
  action,
  defaultPrefix = "",
  onRequested,
}: {
  action: RequestPrefixAction;
  defaultPrefix?: string;
  onRequested?: (prefix: string) => void;
}) {
  const t = useTranslations("trustlist.request");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/trustlist").then((m) => m.requestTrustlistPrefixSchema),
    defaultValues: { prefix: defaultPrefix, reason: "" },
    action,
    onSuccess: (data) => {
      router.refresh();
      if (onRequested) {
        onRequested(data.prefix);
        return;
      }
      setNotice(t("created", { prefix: data.prefix }));
      form.reset({ prefix: "", reason: "" });
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="trustlist-request-form">
        <FormStatus error={formError} success={notice} />
        <TextField name="prefix" label={t("prefix")} description={t("prefixDescription")} />
        <TextField name="reason" label={t("reason")} description={t("reasonDescription")} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
