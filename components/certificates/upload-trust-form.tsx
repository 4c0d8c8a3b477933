"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { FileField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { UploadTrustInput } from "@/lib/validations/certificates";
import { SavedText } from "./saved-notice";

export const CERTIFICATE_FILE_TYPES = ".pem,.crt,.cer,.der";

export function UploadTrustForm({ action }: { action: (input: UploadTrustInput) => Promise<ActionResult<{ id: string }>> }) {
  const t = useTranslations("certificates");
  const router = useRouter();
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  // Remounting the fields is the only way to clear a file input after a save.
  const [generation, setGeneration] = useState(0);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/certificates").then((m) => m.uploadTrustSchema),
    defaultValues: { name: "" },
    action,
    onSuccess: (data, values) => {
      setSaved({ id: data.id, name: values.name });
      form.reset({ name: "" });
      setGeneration((n) => n + 1);
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("trust.title")} className="grid gap-4">
        <FormStatus error={formError} success={saved ? <SavedText saved={saved} /> : null} />
        <TextField name="name" id="trust-name" autoComplete="off" label={t("form.name")} description={t("form.nameDescription")} />
        <FileField
          key={generation}
          name="file"
          label={t("trust.file")}
          description={t("trust.fileDescription")}
          accept={CERTIFICATE_FILE_TYPES}
        />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("form.uploading") : t("form.upload")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
