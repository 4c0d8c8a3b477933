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
import type { CreateApiAppInput } from "@/lib/validations/api-apps";
import { ApiCheckboxes } from "./api-checkboxes";
import { SecretReveal } from "./secret-reveal";

interface Created {
  id: string;
  appKey: string;
  appSecret: string;
}

export function CreateApiAppForm({
  tenants,
  defaultTenantId,
  action,
}: {
  tenants: { id: string; name: string }[];
  defaultTenantId?: string;
  action: (input: CreateApiAppInput) => Promise<ActionResult<Created>>;
}) {
  const t = useTranslations("apiApps");
  const common = useTranslations("common");
  const router = useRouter();
  const [revealed, setRevealed] = useState<(Created & { name: string }) | null>(null);
  const empty = { name: "", tenantId: defaultTenantId ?? "", apis: [] };
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/api-apps").then((m) => m.createApiAppSchema),
    defaultValues: empty,
    action,
    onSuccess: (created, values) => {
      setRevealed({ ...created, name: values.name });
      form.reset({ ...empty, tenantId: values.tenantId });
      router.refresh();
    },
  });
  const tenantOptions = [{ value: "", label: t("chooseTenant") }, ...tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))];
  return (
    <div className="grid gap-6">
      {revealed ? (
        <SecretReveal
          title={t("reveal.createdTitle", { name: revealed.name })}
          appKey={revealed.appKey}
          appSecret={revealed.appSecret}
          onDone={() => setRevealed(null)}
        />
      ) : null}
      <FormProvider {...form}>
        <form onSubmit={onSubmit} noValidate aria-label={t("createTitle")} className="grid gap-4 md:grid-cols-2">
          <div className="md:col-span-2">
            <FormStatus error={formError} />
          </div>
          <TextField name="name" label={t("name")} autoComplete="off" />
          <SelectField name="tenantId" label={t("tenant")} options={tenantOptions} />
          <div className="md:col-span-2">
            <ApiCheckboxes />
          </div>
          <div className="md:col-span-2">
            <Button type="submit" disabled={pending}>
              {pending ? common("creating") : common("create")}
            </Button>
          </div>
        </form>
      </FormProvider>
    </div>
  );
}
