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
import type { CreateSkillQueueInput } from "@/lib/validations/skill-queues";
import { DescriptionField } from "./description-field";

export function CreateSkillQueueForm({ action }: { action: (input: CreateSkillQueueInput) => Promise<ActionResult<{ id: string }>> }) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/skill-queues").then((m) => m.createSkillQueueSchema),
    defaultValues: { name: "", description: "" },
    action,
    onSuccess: (_data, values) => {
      setNotice(t("skillQueues.created", { name: values.name }));
      form.reset();
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("skillQueues.createTitle")} className="grid gap-4">
        <FormStatus error={formError} success={notice} />
        <TextField name="name" label={t("skillQueues.name")} autoComplete="off" />
        <DescriptionField label={t("skillQueues.descriptionLabel")} hint={t("skillQueues.descriptionHint")} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("common.creating") : t("common.create")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
