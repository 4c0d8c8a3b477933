"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/guard/actions";
import type { TestMessageInput } from "@/lib/validations/test-message";

/**
 * "Send a test message": the recipient (an E.164 number, or a Telegram chat id), the text, and on
 * Meta channels an optional template. The message is queued; the activity below follows it.
 */
export function TestMessageForm({
  channelId,
  channelType,
  allowTemplate,
  action,
}: {
  channelId: string;
  channelType: "whatsapp" | "telegram";
  allowTemplate: boolean;
  action: (input: TestMessageInput) => Promise<ActionResult<{ messageId: string }>>;
}) {
  const t = useTranslations("testMessage");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const { form, onSubmit, formError, pending } = useActionForm({
    schema: () => import("@/lib/validations/test-message").then((m) => m.testMessageSchema),
    defaultValues: { channelType, channelId, recipient: "", text: t("defaultText"), ...(allowTemplate ? { templateName: "" } : {}) },
    action,
    onSuccess: () => {
      setNotice(t("queued"));
      // The new row appears in the activity, which then refreshes itself until the message settles.
      router.refresh();
    },
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={t("title")} className="grid gap-4" data-testid="test-message-form">
        <p className="text-sm text-slate-600">{t("description")}</p>
        <FormStatus error={formError} success={notice} />
        <TextField name="recipient" label={t(`recipient.${channelType}`)} description={t(`recipientHint.${channelType}`)} autoComplete="off" />
        <TextField name="text" label={t("text")} autoComplete="off" />
        {allowTemplate ? <TextField name="templateName" label={t("templateName")} description={t("templateNameHint")} autoComplete="off" /> : null}
        <div>
          <Button type="submit" disabled={pending} onClick={() => setNotice(null)}>
            {pending ? t("pending") : t("submit")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
