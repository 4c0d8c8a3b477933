"use client";

import { useTranslations } from "next-intl";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const { form, onSubmit, formError, formErrorValues, pending } = useActionForm({
    schema: () => import("@/lib/validations/auth").then((m) => m.signInSchema),
    defaultValues: { email: "", password: "", callbackUrl },
    action: signInAction,
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormStatus error={formError} values={formErrorValues} />
        <TextField name="email" type="email" label={t("email")} autoComplete="username" />
        <TextField name="password" type="password" label={t("password")} autoComplete="current-password" />
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </FormProvider>
  );
}
