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
import type { UpdateSkillQueueInput } from "@/lib/validations/skill-queues";
import { DescriptionField } from "./description-field";

export function EditSkillQueueForm({
  queue,
  action,
}: {
  queue: { id: string; name: string; description: string };
  action: (input: UpdateSkillQueueInput) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/skill-queues").then((m) => m.updateSkillQueueSchema),
    defaultValues: { skillQueueId: queue.id, name: queue.name, description: queue.description },
    action,
    onSuccess: (_data, values) => {
      setNotice(t("skillQueues.saved"));
      // The server trims; show what was stored.
      form.reset(values);
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4" onChange={() => setNotice(null)}>
        <FormStatus error={formError} success={notice} />
        <TextField name="name" label={t("skillQueues.name")} autoComplete="off" />
        <DescriptionField label={t("skillQueues.descriptionLabel")} hint={t("skillQueues.descriptionHint")} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : t("common.save")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
