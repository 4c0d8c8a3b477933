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
import type { AddNonWorkingDayValues } from "@/lib/validations/service-time";

export function NonWorkingDayForm({
  basePath,
  action,
}: {
  basePath: string;
  action: (input: AddNonWorkingDayValues) => Promise<ActionResult<{ id: string }>>;
}) {
  const t = useTranslations("serviceTime.days");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/service-time").then((m) => m.addNonWorkingDaySchema),
    defaultValues: { startDate: "", endDate: "", label: "" },
    action,
    onSuccess: (_data, values) => {
      setNotice(t("added", { label: values.label }));
      form.reset({ startDate: "", endDate: "", label: "" });
      // Show the month the new day is in, so the administrator sees it land in the calendar.
      router.push(`${basePath}?month=${values.startDate.slice(0, 7)}`, { scroll: false });
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("addTitle")} className="grid gap-4 md:grid-cols-3">
        <div className="md:col-span-3">
          <FormStatus error={formError} success={notice} />
        </div>
        <TextField name="startDate" type="date" label={t("startDate")} description={t("startDateDescription")} />
        <TextField name="endDate" type="date" label={t("endDate")} description={t("endDateDescription")} />
        <TextField name="label" label={t("label")} description={t("labelDescription")} autoComplete="off" />
        <div className="md:col-span-3">
          <Button type="submit" disabled={pending}>
            {pending ? t("adding") : t("add")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
