"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldDescription, FieldError } from "@/components/ui/field";
import { useWizardSettings } from "./wizard-context";
import { SelectInputField, SwitchField, TextareaField, TextInputField, useFieldError } from "./wizard-fields";
import { fieldId, type BasicValues } from "./wizard-values";

const MORE_FIELDS = ["lastAgentMode", "noCustomerReply", "noAgentReply", "sessionTransfer", "offlineMessages"] as const;

/** Step 2's "More": session options. Opens by itself when one is on or has an error. */
export function MoreOptions() {
  const t = useTranslations("channelWizard.more");
  const { options } = useWizardSettings();
  const { control, getValues, formState } = useFormContext<BasicValues>();
  const [noCustomerReply, noAgentReply, sessionTransfer] = useWatch({
    control,
    name: ["noCustomerReply.enabled", "noAgentReply.enabled", "sessionTransfer.enabled"],
  });
  const [open, setOpen] = useState(() => {
    const values = getValues();
    return values.lastAgentMode || values.offlineMessages || values.noCustomerReply.enabled || values.noAgentReply.enabled || values.sessionTransfer.enabled;
  });
  const hasErrors = MORE_FIELDS.some((field) => formState.errors[field] !== undefined);
  const expanded = open || hasErrors;
  const queues = options.skillQueues.map((queue) => ({ value: queue.id, label: queue.name }));

  return (
    <section className="grid gap-4">
      <div>
        <Button type="button" variant="outline" size="sm" aria-expanded={expanded} aria-controls="wizard-more" onClick={() => setOpen(!expanded)}>
          {t("toggle")}
        </Button>
      </div>
      {expanded ? (
        <div id="wizard-more" className="grid gap-5 rounded-md border border-slate-200 p-4">
          <SwitchField name="lastAgentMode" label={t("lastAgentMode")} description={t("lastAgentModeHelp")} />
          <div className="grid gap-3">
            <SwitchField name="noCustomerReply.enabled" label={t("noCustomerReply")} description={t("noCustomerReplyHelp")} />
            {noCustomerReply ? (
              <div className="grid gap-4 pl-7 md:grid-cols-2">
                <TextInputField name="noCustomerReply.minutes" type="number" label={t("noCustomerReplyMinutes")} description={t("minutesHelp")} />
                <TextareaField name="noCustomerReply.message" label={t("closingMessage")} rows={2} />
              </div>
            ) : null}
          </div>
          <div className="grid gap-3">
            <SwitchField name="noAgentReply.enabled" label={t("noAgentReply")} description={t("noAgentReplyHelp")} />
            {noAgentReply ? (
              <div className="grid gap-4 pl-7 md:grid-cols-2">
                <TextInputField name="noAgentReply.minutes" type="number" label={t("noAgentReplyMinutes")} description={t("minutesHelp")} />
                <SelectInputField name="noAgentReply.targetSkillQueueId" label={t("targetQueue")} placeholder={t("choose")} options={queues} />
              </div>
            ) : null}
          </div>
          <div className="grid gap-3">
            <SwitchField name="sessionTransfer.enabled" label={t("sessionTransfer")} description={t("sessionTransferHelp")} />
            {sessionTransfer ? <QueueCheckboxes /> : null}
          </div>
          <SwitchField name="offlineMessages" label={t("offlineMessages")} description={t("offlineMessagesHelp")} />
        </div>
      ) : null}
    </section>
  );
}

/** Session Transfer's allowed target queues, one checkbox per queue of the tenant. */
function QueueCheckboxes() {
  const t = useTranslations("channelWizard.more");
  const { options } = useWizardSettings();
  const name = "sessionTransfer.targetSkillQueueIds";
  const { field } = useController<BasicValues, typeof name>({ name });
  const { message } = useFieldError(name);
  const id = fieldId(name);
  const selected = new Set(field.value ?? []);
  const toggle = (queueId: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(queueId);
    else next.delete(queueId);
    field.onChange(options.skillQueues.map((queue) => queue.id).filter((queueId) => next.has(queueId)));
  };
  return (
    <fieldset className="grid gap-2 pl-7" aria-invalid={Boolean(message)} aria-describedby={message ? `${id}-error` : `${id}-description`}>
      <legend className="mb-1 text-sm font-medium">{t("allowedQueues")}</legend>
      {options.skillQueues.map((queue, index) => (
        <label key={queue.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            id={`${id}-${queue.id}`}
            ref={index === 0 ? field.ref : undefined}
            checked={selected.has(queue.id)}
            onChange={(event) => toggle(queue.id, event.target.checked)}
            onBlur={field.onBlur}
          />
          {queue.name}
        </label>
      ))}
      <FieldDescription id={`${id}-description`}>{t("allowedQueuesHelp")}</FieldDescription>
      <FieldError id={`${id}-error`}>{message}</FieldError>
    </fieldset>
  );
}
