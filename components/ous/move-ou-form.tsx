"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormProvider } from "react-hook-form";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { MoveTargets } from "@/lib/ous/ous";
import { ouPathLabel } from "@/lib/ous/tree";
import { useOuTree } from "./ou-tree-context";
import { SelectField } from "@/components/forms/fields";

type Load = { state: "loading" } | { state: "failed"; error: string } | { state: "ready"; data: MoveTargets };

/**
 * Asks the server for the OU's valid new parents when the panel opens (every OU except itself and
 * its descendants), so the page never renders a select of the whole tree on every row.
 */
export function MoveOuForm({ ou }: { ou: { id: string; name: string } }) {
  const t = useTranslations();
  const { actions, close } = useOuTree();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  useEffect(() => {
    let current = true;
    actions.listMoveTargets({ ouId: ou.id }).then(
      (result) => current && setLoad(result.ok ? { state: "ready", data: result.data } : { state: "failed", error: result.error }),
      () => current && setLoad({ state: "failed", error: "unexpected" }),
    );
    return () => {
      current = false;
    };
  }, [actions, ou.id]);

  if (load.state === "ready") return <MoveForm ou={ou} targets={load.data} />;
  return (
    <div className="grid gap-3">
      {load.state === "failed" ? <FormStatus error={load.error} /> : <p className="text-sm text-slate-600">{t("ous.move.loading")}</p>}
      <div>
        <Button type="button" variant="outline" onClick={close}>
          {t("ous.actions.cancel")}
        </Button>
      </div>
    </div>
  );
}

function MoveForm({ ou, targets }: { ou: { id: string; name: string }; targets: MoveTargets }) {
  const t = useTranslations();
  const router = useRouter();
  const { actions, done, close } = useOuTree();
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/ous").then((m) => m.moveOuSchema),
    defaultValues: { ouId: ou.id, parentId: targets.parentId ?? "" },
    action: actions.moveOu,
    onSuccess: () => {
      done(t("ous.move.done", { name: ou.name }));
      router.refresh();
    },
  });
  useEffect(() => form.setFocus("parentId"), [form]);
  const options = [
    { value: "", label: t("ous.move.topLevel") },
    ...targets.targets.map((target) => ({ value: target.id, label: ouPathLabel(target.path) })),
  ];
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("ous.move.title", { name: ou.name })} className="grid gap-3">
        <FormStatus error={formError} />
        <SelectField
          id={`ou-${ou.id}-move`}
          name="parentId"
          label={t("ous.move.newParent")}
          description={targets.truncated ? `${t("ous.move.hint")} ${t("ous.move.truncated")}` : t("ous.move.hint")}
          options={options}
        />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? t("ous.move.moving") : t("ous.move.submit")}
          </Button>
          <Button type="button" variant="outline" onClick={close}>
            {t("ous.actions.cancel")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
