"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { SelectField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/guard/actions";
import type { UpdateUserAccessInput } from "@/lib/validations/system";
import { tenantOptions, useRoleOptions } from "./role-options";

export function UserAccessForm({
  user,
  tenants,
  action,
}: {
  user: { id: string; role: Role; tenantId: string | null };
  tenants: { id: string; name: string }[];
  action: (input: UpdateUserAccessInput) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const roleOptions = useRoleOptions();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/system").then((m) => m.updateUserAccessSchema),
    defaultValues: { userId: user.id, role: user.role, tenantId: user.tenantId ?? "" },
    action,
    onSuccess: () => {
      setNotice(t("system.users.accessSaved"));
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormStatus error={formError} success={notice} />
        <SelectField name="role" label={t("users.role")} options={roleOptions} />
        <SelectField name="tenantId" label={t("users.tenant")} options={tenantOptions(tenants, t("system.users.noTenant"))} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : t("common.save")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
