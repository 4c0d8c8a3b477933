"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { SelectField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { UpdateTimeZoneInput } from "@/lib/validations/service-time";

export function TimeZoneForm({
  timeZone,
  timeZones,
  action,
}: {
  timeZone: string;
  /** The server's list, so the browser offers exactly the zones the server accepts. */
  timeZones: readonly string[];
  action: (input: UpdateTimeZoneInput) => Promise<ActionResult<{ changed: boolean }>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/service-time").then((m) => m.updateTimeZoneSchema),
    defaultValues: { timeZone },
    action,
    onSuccess: (data, values) => {
      setNotice(data.changed ? t("serviceTime.timeZone.saved") : t("serviceTime.timeZone.unchanged", { timeZone: values.timeZone }));
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
        <div className="sm:col-span-2">
          <FormStatus error={formError} success={notice} />
        </div>
        <SelectField name="timeZone" label={t("serviceTime.timeZone.label")} options={timeZones.map((zone) => ({ value: zone, label: zone }))} />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t("common.saving") : t("common.save")}
        </Button>
      </form>
    </FormProvider>
  );
}
