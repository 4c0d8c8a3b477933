"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ChainPreview } from "@/lib/certificates/certificates";
import type { ActionResult } from "@/lib/guard/actions";
import type { FetchChainInput, SaveFetchedChainInput } from "@/lib/validations/certificates";
import { ChainList } from "./chain-list";
import { SavedNotice } from "./saved-notice";

interface Actions {
  preview: (input: FetchChainInput) => Promise<ActionResult<ChainPreview>>;
  save: (input: SaveFetchedChainInput) => Promise<ActionResult<{ id: string }>>;
}

/** A name to start from: the leaf's common name, else the host. */
function suggestedName(preview: ChainPreview): string {
  const commonName = /(?:^|, )CN=([^,]+)/.exec(preview.chain[0]?.subject ?? "")?.[1];
  return (commonName ?? new URL(preview.origin).hostname).slice(0, 100);
}

/** Step one: fetch what the server presents. Step two: the administrator compares fingerprints and confirms. */
export function FetchFromUrl({ preview, save }: Actions) {
  const t = useTranslations("certificates.fetch");
  const [fetched, setFetched] = useState<ChainPreview | null>(null);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/certificates").then((m) => m.fetchChainSchema),
    defaultValues: { url: "" },
    action: preview,
    onSuccess: (data) => {
      setSaved(null);
      setFetched(data);
    },
  });
  return (
    <div className="grid gap-4">
      <SavedNotice saved={saved} />
      <FormProvider {...form}>
        <form onSubmit={onSubmit} noValidate aria-label={t("title")} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
          <div className="sm:col-span-2">
            <FormStatus error={formError} />
          </div>
          <TextField name="url" id="fetch-url" autoComplete="off" label={t("url")} description={t("urlDescription")} />
          <Button type="submit" disabled={pending} className="sm:mt-6">
            {pending ? t("fetching") : t("fetch")}
          </Button>
        </form>
      </FormProvider>
      {fetched ? (
        <ConfirmFetched
          key={fetched.chain.map((c) => c.fingerprintSha256).join()}
          fetched={fetched}
          save={save}
          onDone={(result) => {
            setFetched(null);
            setSaved(result);
            form.reset({ url: "" });
          }}
          onCancel={() => setFetched(null)}
        />
      ) : null}
    </div>
  );
}

function ConfirmFetched({
  fetched,
  save,
  onDone,
  onCancel,
}: {
  fetched: ChainPreview;
  save: Actions["save"];
  onDone: (saved: { id: string; name: string }) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("certificates.fetch");
  const router = useRouter();
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/certificates").then((m) => m.saveFetchedChainSchema),
    defaultValues: {
      name: suggestedName(fetched),
      url: fetched.origin,
      fingerprints: fetched.chain.map((certificate) => certificate.fingerprintSha256),
    },
    action: save,
    onSuccess: (data, values) => {
      onDone({ id: data.id, name: values.name });
      router.refresh();
    },
  });
  // The address and fingerprints have no inputs here: a refusal about them is shown for the whole form.
  const { url, fingerprints } = form.formState.errors;
  const hiddenFieldError = url?.message ?? (fingerprints as { message?: string } | undefined)?.message ?? null;
  return (
    <section aria-label={t("previewTitle")} className="grid gap-4 rounded-md border border-amber-300 bg-amber-50/40 p-4">
      <div>
        <h3 className="font-semibold">{t("previewTitle")}</h3>
        <p className="text-sm text-slate-700">{t("previewDescription", { origin: fetched.origin, total: fetched.chain.length })}</p>
      </div>
      <ChainList chain={fetched.chain} now={new Date()} />
      <FormProvider {...form}>
        <form onSubmit={onSubmit} noValidate aria-label={t("confirmTitle")} className="grid gap-4">
          <FormStatus error={formError ?? hiddenFieldError} />
          <TextField name="name" id="fetch-name" autoComplete="off" label={t("name")} />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("confirm")}
            </Button>
            <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}
