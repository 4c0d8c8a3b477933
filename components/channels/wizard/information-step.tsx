"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { ProviderFields } from "./provider-fields";
import { useWizardSettings } from "./wizard-context";
import { SelectInputField } from "./wizard-fields";
import {
  CHANNEL_TYPE_PROVIDERS,
  channelTypePatch,
  variantDefaults,
  variantOfValues,
  type ChannelTypeValue,
  type InformationValues,
} from "./wizard-values";

const VERIFICATION_METHODS = ["basic", "oAuth"] as const;

/** Step 1: channel type, then provider (and for `other` the verification method), then that provider's fields. */
export function InformationStep() {
  const t = useTranslations("channelWizard");
  const tc = useTranslations("channels");
  const { mode } = useWizardSettings();
  const fixed = mode === "edit";
  const { control, getValues, setValue, clearErrors } = useFormContext<InformationValues>();
  const [channelType, provider, verificationMethod] = useWatch({ control, name: ["channelType", "provider", "verificationMethod"] });
  const variant = variantOfValues({ provider: provider ?? "", verificationMethod: verificationMethod ?? "" });
  const providers = CHANNEL_TYPE_PROVIDERS[(channelType as ChannelTypeValue) ?? "whatsapp"] ?? CHANNEL_TYPE_PROVIDERS.whatsapp;

  /** After the type, provider or method changed: give the new variant's fields their starting values. */
  const applyVariant = (patch: InformationValues = {}) => {
    // The select has already changed the value; the variant before it is the one last rendered.
    const before = variant;
    for (const [field, value] of Object.entries(patch)) setValue(field, value);
    const values = getValues();
    const next = variantOfValues(values);
    if (next) for (const [field, value] of Object.entries(variantDefaults(values, next, before))) setValue(field, value);
    clearErrors();
  };

  return (
    <div className="grid gap-6">
      <div className="grid gap-4 md:grid-cols-3">
        <SelectInputField
          name="channelType"
          label={t("information.channelType")}
          description={fixed ? t("information.fixed") : undefined}
          fixed={fixed}
          options={Object.keys(CHANNEL_TYPE_PROVIDERS).map((type) => ({ value: type, label: tc(`types.${type as ChannelTypeValue}`) }))}
          onValueChange={(event) => applyVariant(channelTypePatch(event.target.value))}
        />
        <SelectInputField
          name="provider"
          label={t("information.provider")}
          fixed={fixed}
          placeholder={providers.length > 1 ? t("choose") : undefined}
          options={providers.map((value) => ({ value, label: tc(`providers.${value}`) }))}
          onValueChange={() => applyVariant()}
        />
        {provider === "other" ? (
          <SelectInputField
            name="verificationMethod"
            label={t("information.verificationMethod")}
            description={t(`information.verificationHelp.${verificationMethod === "oAuth" ? "oAuth" : "basic"}`)}
            fixed={fixed}
            options={VERIFICATION_METHODS.map((method) => ({ value: method, label: tc(`verificationMethods.${method}`) }))}
            onValueChange={() => applyVariant()}
          />
        ) : null}
      </div>
      {variant ? <ProviderFields variant={variant} /> : <p className="text-sm text-slate-600">{t("information.chooseProvider")}</p>}
    </div>
  );
}
