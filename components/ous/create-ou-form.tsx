"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { FormProvider } from "react-hook-form";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/forms/fields";
import { useOuTree } from "./ou-tree-context";

/**
 * Creates an OU at the top level (`parent` null: the page's create form) or inside `parent`
 * (a row's "Add sub-OU" panel, which closes when done). The outcome shows in the page's notice.
 */
export function CreateOuForm({ parent, label }: { parent: { id: string; name: string } | null; label: string }) {
  const t = useTranslations();
  const router = useRouter();
  const { actions, done, close } = useOuTree();
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/ous").then((m) => m.createOuSchema),
    defaultValues: { name: "", parentId: parent?.id ?? null },
    action: actions.createOu,
    onSuccess: (_data, values) => {
      done(t("ous.created", { name: values.name }));
      if (!parent) form.reset();
      router.refresh();
    },
  });
  // A panel that just opened takes the focus; the page's own form does not grab it on load.
  const parentId = parent?.id;
  useEffect(() => {
    if (parentId) form.setFocus("name");
  }, [form, parentId]);
  const idPrefix = parent ? `ou-${parent.id}-new` : "ou-create";
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={label} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
        <div className="sm:col-span-2">
          <FormStatus error={formError} />
        </div>
        <TextField id={`${idPrefix}-name`} name="name" label={t("ous.name")} autoComplete="off" />
        <div className="flex gap-2 sm:mt-6">
          <Button type="submit" disabled={pending}>
            {pending ? t("common.creating") : t("common.create")}
          </Button>
          {parent ? (
            <Button type="button" variant="outline" onClick={close}>
              {t("ous.actions.cancel")}
            </Button>
          ) : null}
        </div>
      </form>
    </FormProvider>
  );
}
