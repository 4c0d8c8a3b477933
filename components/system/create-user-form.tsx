"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { SelectField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { CreateUserInput } from "@/lib/validations/system";
import { tenantOptions, useRoleOptions } from "./role-options";

export function CreateUserForm({
  tenants,
  defaultTenantId,
  action,
}: {
  tenants: { id: string; name: string }[];
  defaultTenantId?: string;
  action: (input: CreateUserInput) => Promise<ActionResult<{ id: string }>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const roleOptions = useRoleOptions();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/system").then((m) => m.createUserSchema),
    defaultValues: { email: "", name: "", role: "tenant_admin", tenantId: defaultTenantId ?? "", password: "" },
    action,
    onSuccess: (_data, values) => {
      setNotice(t("system.users.createdNotice", { email: values.email }));
      form.reset({ email: "", name: "", role: values.role, tenantId: values.tenantId ?? "", password: "" });
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2">
        <div className="md:col-span-2">
          <FormStatus error={formError} success={notice} />
        </div>
        <TextField name="email" type="email" label={t("users.email")} autoComplete="off" />
        <TextField name="name" label={t("users.name")} autoComplete="off" />
        <SelectField name="role" label={t("users.role")} options={roleOptions} />
        <SelectField name="tenantId" label={t("users.tenant")} options={tenantOptions(tenants, t("system.users.chooseTenant"))} />
        <TextField
          name="password"
          type="password"
          label={t("system.users.password")}
          description={t("system.users.passwordDescription")}
          autoComplete="new-password"
        />
        <div className="md:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? t("common.creating") : t("common.create")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
