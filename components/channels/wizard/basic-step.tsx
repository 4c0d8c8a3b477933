"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { KeywordListEditor } from "./keyword-list-editor";
import { MoreOptions } from "./more-options";
import { useWizardSettings } from "./wizard-context";
import { SelectInputField, TextareaField, TextInputField } from "./wizard-fields";
import { WorkTimeEditor } from "./work-time-editor";

/** Step 2: name, OU, skill queue, transfer keywords, work time, the non-working-time notice, and "More". */
export function BasicStep() {
  const t = useTranslations("channelWizard.basic");
  const choose = useTranslations("channelWizard")("choose");
  const { options } = useWizardSettings();
  const missing = (text: string, href: string, link: string) => (
    <>
      {text}{" "}
      <Link href={href} className="text-blue-700 hover:underline">
        {link}
      </Link>
    </>
  );
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 md:grid-cols-3">
        <TextInputField name="name" label={t("name")} description={t("nameHelp")} />
        <SelectInputField
          name="ouId"
          label={t("ou")}
          placeholder={choose}
          description={options.ous.length === 0 ? missing(t("noOus"), "/settings/ous", t("createOu")) : t("ouHelp")}
          options={options.ous.map((ou) => ({ value: ou.id, label: ou.path.join(" / ") }))}
        />
        <SelectInputField
          name="skillQueueId"
          label={t("skillQueue")}
          placeholder={choose}
          description={options.skillQueues.length === 0 ? missing(t("noQueues"), "/settings/skill-queues", t("createQueue")) : t("skillQueueHelp")}
          options={options.skillQueues.map((queue) => ({ value: queue.id, label: queue.name }))}
        />
      </div>
      <KeywordListEditor />
      <WorkTimeEditor />
      <TextareaField name="nonWorkingNotice" label={t("nonWorkingNotice")} description={t("nonWorkingNoticeHelp")} />
      <MoreOptions />
    </div>
  );
}
