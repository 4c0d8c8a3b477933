"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { SwitchField, TextInputField } from "./wizard-fields";
import type { RobotValues } from "./wizard-values";

/** Step 3: the intelligent robot (with its name) and the robot assistant. */
export function RobotStep() {
  const t = useTranslations("channelWizard.robot");
  const { control } = useFormContext<RobotValues>();
  const robotEnabled = useWatch({ control, name: "robotEnabled" });
  return (
    <div className="grid max-w-2xl gap-6">
      <div className="grid gap-3">
        <SwitchField name="robotEnabled" label={t("robotEnabled")} description={t("robotEnabledHelp")} />
        {robotEnabled ? (
          <div className="pl-7">
            <TextInputField name="robotName" label={t("robotName")} description={t("robotNameHelp")} />
          </div>
        ) : null}
      </div>
      <SwitchField name="assistantEnabled" label={t("assistantEnabled")} description={t("assistantEnabledHelp")} />
    </div>
  );
}
