"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ApiName } from "@/lib/api-apps/apis";
import type { ActionResult } from "@/lib/guard/actions";
import type { UpdateApiAppInput } from "@/lib/validations/api-apps";
import { ApiCheckboxes } from "./api-checkboxes";

export function EditApiAppForm({
  app,
  action,
}: {
  app: { id: string; name: string; apis: ApiName[] };
  action: (input: UpdateApiAppInput) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations("apiApps");
  const common = useTranslations("common");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/api-apps").then((m) => m.updateApiAppSchema),
    defaultValues: { appId: app.id, name: app.name, apis: app.apis },
    action,
    onSuccess: (_data, values) => {
      setNotice(t("edit.saved"));
      form.reset({ appId: app.id, name: values.name, apis: values.apis });
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("edit.title")} className="grid gap-4">
        <FormStatus error={formError} success={notice} />
        <TextField name="name" label={t("name")} autoComplete="off" />
        <ApiCheckboxes />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? common("saving") : common("save")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
