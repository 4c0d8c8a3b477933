"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { ProviderFields } from "./provider-fields";
import { ProviderTiles } from "./provider-tiles";
import { useWizardSettings } from "./wizard-context";
import { variantDefaults, variantOfValues, variantSelection, type InformationValues } from "./wizard-values";

/** Step 1: the provider, chosen from tiles, then that provider's fields. */
export function InformationStep() {
  const t = useTranslations("channelWizard");
  const { mode } = useWizardSettings();
  const { control, getValues, setValue, clearErrors } = useFormContext<InformationValues>();
  const [provider, verificationMethod] = useWatch({ control, name: ["provider", "verificationMethod"] });
  const variant = variantOfValues({ provider: provider ?? "", verificationMethod: verificationMethod ?? "" });

  /** A tile was chosen: set its type, provider and method, and give its fields their starting values. */
  const choose = (next: ChannelVariant) => {
    const before = variant;
    for (const [field, value] of Object.entries(variantSelection(next))) setValue(field, value);
    for (const [field, value] of Object.entries(variantDefaults(getValues(), next, before))) setValue(field, value);
    clearErrors();
  };

  return (
    <div className="grid min-w-0 gap-6">
      <ProviderTiles value={variant} onChange={choose} fixed={mode === "edit"} />
      {variant ? <ProviderFields variant={variant} /> : <p className="text-sm text-slate-600">{t("information.chooseProvider")}</p>}
    </div>
  );
}
