"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { ResetPasswordInput } from "@/lib/validations/system";

export function ResetPasswordForm({
  userId,
  action,
}: {
  userId: string;
  action: (input: ResetPasswordInput) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/system").then((m) => m.resetPasswordSchema),
    defaultValues: { userId, password: "" },
    action,
    onSuccess: () => {
      setNotice(t("system.users.passwordSaved"));
      form.reset({ userId, password: "" });
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormStatus error={formError} success={notice} />
        <TextField
          name="password"
          type="password"
          label={t("system.users.newPassword")}
          description={t("system.users.passwordDescription")}
          autoComplete="new-password"
        />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : t("system.users.resetPassword")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
