"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { FormProvider } from "react-hook-form";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { useOuTree } from "./ou-tree-context";
import { TextField } from "@/components/forms/fields";

export function RenameOuForm({ ou }: { ou: { id: string; name: string } }) {
  const t = useTranslations();
  const router = useRouter();
  const { actions, done, close } = useOuTree();
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/ous").then((m) => m.renameOuSchema),
    defaultValues: { ouId: ou.id, name: ou.name },
    action: actions.renameOu,
    onSuccess: (_data, values) => {
      done(t("ous.rename.done", { name: values.name }));
      router.refresh();
    },
  });
  useEffect(() => form.setFocus("name"), [form]);
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("ous.rename.title", { name: ou.name })} className="grid gap-3">
        <FormStatus error={formError} />
        <TextField id={`ou-${ou.id}-rename`} name="name" label={t("ous.name")} autoComplete="off" />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? t("common.saving") : t("ous.rename.submit")}
          </Button>
          <Button type="button" variant="outline" onClick={close}>
            {t("ous.actions.cancel")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
