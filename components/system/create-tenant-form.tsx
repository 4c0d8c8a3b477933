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
import type { CreateTenantInput } from "@/lib/validations/system";

export function CreateTenantForm({ action }: { action: (input: CreateTenantInput) => Promise<ActionResult<{ id: string }>> }) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/system").then((m) => m.createTenantSchema),
    defaultValues: { name: "" },
    action,
    onSuccess: (_data, values) => {
      setNotice(t("system.tenants.createdNotice", { name: values.name }));
      form.reset();
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
        <div className="sm:col-span-2">
          <FormStatus error={formError} success={notice} />
        </div>
        <TextField name="name" label={t("system.tenants.name")} />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t("common.creating") : t("common.create")}
        </Button>
      </form>
    </FormProvider>
  );
}
