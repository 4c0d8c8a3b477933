"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { FileField, SelectField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { UploadIdentityInput } from "@/lib/validations/certificates";
import { SavedText } from "./saved-notice";
import { CERTIFICATE_FILE_TYPES } from "./upload-trust-form";

export function UploadIdentityForm({ action }: { action: (input: UploadIdentityInput) => Promise<ActionResult<{ id: string }>> }) {
  const t = useTranslations("certificates");
  const router = useRouter();
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [generation, setGeneration] = useState(0);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/certificates").then((m) => m.uploadIdentitySchema),
    defaultValues: { format: "pem", name: "" },
    action,
    onSuccess: (data, values) => {
      setSaved({ id: data.id, name: values.name });
      form.reset(values.format === "pem" ? { format: "pem", name: "" } : { format: "pkcs12", name: "" });
      setGeneration((n) => n + 1);
      router.refresh();
    },
  });
  const format = form.watch("format");
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("identity.title")} className="grid gap-4" key={generation}>
        <FormStatus error={formError} success={saved ? <SavedText saved={saved} /> : null} />
        <TextField name="name" id="identity-name" autoComplete="off" label={t("form.name")} description={t("form.nameDescription")} />
        <SelectField
          name="format"
          label={t("identity.format")}
          options={[
            { value: "pem", label: t("identity.formatPem") },
            { value: "pkcs12", label: t("identity.formatPkcs12") },
          ]}
        />
        {format === "pkcs12" ? (
          <>
            <FileField name="pkcs12File" label={t("identity.pkcs12File")} description={t("identity.pkcs12FileDescription")} accept=".p12,.pfx" />
            <TextField name="pkcs12Password" type="password" autoComplete="off" label={t("identity.pkcs12Password")} />
          </>
        ) : (
          <>
            <FileField
              name="certificateFile"
              label={t("identity.certificateFile")}
              description={t("identity.certificateFileDescription")}
              accept={CERTIFICATE_FILE_TYPES}
            />
            <FileField name="keyFile" label={t("identity.keyFile")} description={t("identity.keyFileDescription")} accept=".key,.pem" />
            <TextField
              name="keyPassphrase"
              type="password"
              autoComplete="off"
              label={t("identity.keyPassphrase")}
              description={t("identity.keyPassphraseDescription")}
            />
          </>
        )}
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("form.uploading") : t("form.upload")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
