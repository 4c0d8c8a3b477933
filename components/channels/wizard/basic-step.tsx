"use client";

import { useTranslations } from "next-intl";
import { KeywordListEditor } from "./keyword-list-editor";
import { MoreOptions } from "./more-options";
import { PrerequisiteHint } from "./prerequisite-link";
import { useWizardSettings } from "./wizard-context";
import { SelectInputField, TextareaField, TextInputField } from "./wizard-fields";
import { WorkTimeEditor } from "./work-time-editor";

/** Step 2: name, OU, skill queue, transfer keywords, work time, the non-working-time notice, and "More". */
export function BasicStep() {
  const t = useTranslations("channelWizard.basic");
  const choose = useTranslations("channelWizard")("choose");
  const { options } = useWizardSettings();
  // Where OUs and queues are made, always; when there is none yet, saying so first.
  const where = (empty: boolean, none: string, create: string, known: string, link: string, href: string) => (
    <PrerequisiteHint text={empty ? none : known} href={href} link={empty ? create : link} empty={empty} />
  );
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 md:grid-cols-3">
        <TextInputField name="name" label={t("name")} description={t("nameHelp")} />
        <SelectInputField
          name="ouId"
          label={t("ou")}
          placeholder={choose}
          description={
            <>
              {t("ouHelp")} {where(options.ous.length === 0, t("noOus"), t("createOu"), t("ousWhere"), t("ousLink"), "/settings/ous")}
            </>
          }
          options={options.ous.map((ou) => ({ value: ou.id, label: ou.path.join(" / ") }))}
        />
        <SelectInputField
          name="skillQueueId"
          label={t("skillQueue")}
          placeholder={choose}
          description={
            <>
              {t("skillQueueHelp")} {where(options.skillQueues.length === 0, t("noQueues"), t("createQueue"), t("queuesWhere"), t("queuesLink"), "/settings/skill-queues")}
            </>
          }
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
