"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { describedBy } from "@/components/forms/field-shell";
import { TrustlistRequestOffer } from "@/components/trustlist/request-offer";
import { FieldDescription, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PrerequisiteHint } from "./prerequisite-link";
import { useWizardSettings } from "./wizard-context";
import { SelectInputField, TextInputField, useFieldError } from "./wizard-fields";
import { fieldId } from "./wizard-values";

/* Step-1 fields several providers share: certificates, BaseUrl with the trustlist offer, token validity. */

export function CertificateField({ kind, optional, description }: { kind: "trust" | "identity"; optional?: boolean; description?: string }) {
  const t = useTranslations("channelWizard");
  const { options } = useWizardSettings();
  const choices = kind === "trust" ? options.trustCertificates : options.identityCertificates;
  const name = kind === "trust" ? "trustCertificateId" : "identityCertificateId";
  const empty = choices.length === 0;
  const hint = (
    <>
      {description ? `${description} ` : null}
      <PrerequisiteHint
        text={empty ? (kind === "trust" ? t("certificates.noTrust") : t("certificates.noIdentity")) : t("prerequisites.certificates")}
        href="/settings/certificates"
        link={empty ? t("certificates.upload") : t("prerequisites.certificatesLink")}
        empty={empty}
      />
    </>
  );
  return (
    <SelectInputField
      name={name}
      label={t(`labels.${name}`)}
      description={hint}
      placeholder={optional ? t("certificates.none") : t("choose")}
      options={choices.map((c) => ({ value: c.id, label: c.expired ? t("certificates.expired", { name: c.name }) : c.name }))}
    />
  );
}

/** Where an app-authenticated variant's app key comes from: an API app only a system administrator creates. */
export function apiAppHint(t: (key: "prerequisites.apiApp" | "prerequisites.noApiApp") => string, help: string, apps: readonly unknown[]): ReactNode {
  const empty = apps.length === 0;
  return (
    <>
      {help} <PrerequisiteHint text={empty ? t("prerequisites.noApiApp") : t("prerequisites.apiApp")} empty={empty} />
    </>
  );
}

/** A provider BaseUrl; refused by the address trustlist, it offers to request its prefix. */
export function BaseUrlField({ description, placeholder }: { description: string; placeholder?: string }) {
  const t = useTranslations("channelWizard");
  const { requestTrustlistAction, pendingPrefixes = [] } = useWizardSettings();
  // Requests made here, shown at once (the page's own list follows on its refresh).
  const [requested, setRequested] = useState<string[]>([]);
  const { control } = useFormContext();
  const value = useWatch({ control, name: "baseUrl" }) as string | undefined;
  const { code } = useFieldError("baseUrl");
  return (
    <div className="grid gap-3">
      <TextInputField
        name="baseUrl"
        type="url"
        label={t("labels.baseUrl")}
        description={
          <>
            {description} <PrerequisiteHint text={t("prerequisites.trustlist")} href="/settings/trustlist" link={t("prerequisites.trustlistLink")} />
          </>
        }
        placeholder={placeholder}
      />
      {code === "trustlist.errors.notOnTrustlist" && value ? (
        <TrustlistRequestOffer
          url={value}
          requestAction={requestTrustlistAction}
          pendingPrefixes={[...pendingPrefixes, ...requested]}
          onRequested={(prefix) => setRequested((list) => [...list, prefix])}
        />
      ) : null}
    </div>
  );
}

/** A datalist of the tenant's app keys for an app-authenticated variant (typing any key stays possible). */
export function AppKeyList({ id, apps }: { id: string; apps: { name: string; appKey: string }[] }) {
  return (
    <datalist id={id}>
      {apps.map((app) => (
        <option key={app.appKey} value={app.appKey} label={app.name} />
      ))}
    </datalist>
  );
}

/** cloud-api's token validity: "never", or the date the access token expires. */
export function TokenValidityField() {
  const t = useTranslations("channelWizard.tokenValidity");
  const { field } = useController({ name: "tokenValidity" });
  const { message } = useFieldError("tokenValidity");
  const id = fieldId("tokenValidity");
  const value = typeof field.value === "string" ? field.value : "never";
  const never = value === "never";
  return (
    <fieldset className="grid gap-1.5" aria-describedby={describedBy(id, message, "help")}>
      <legend className="mb-1.5 text-sm font-medium leading-none">{t("label")}</legend>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name={`${id}-choice`} checked={never} onChange={() => field.onChange("never")} onBlur={field.onBlur} />
          {t("never")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${id}-choice`} checked={!never} onChange={() => field.onChange("")} onBlur={field.onBlur} />
          {t("expires")}
        </label>
        {never ? null : (
          <Input
            id={id}
            type="date"
            value={value}
            onChange={(event) => field.onChange(event.target.value)}
            onBlur={field.onBlur}
            aria-label={t("date")}
            aria-invalid={Boolean(message)}
            aria-describedby={describedBy(id, message, "help")}
            className="w-auto"
          />
        )}
      </div>
      <FieldDescription id={`${id}-description`}>{t("help")}</FieldDescription>
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </fieldset>
  );
}
