import { recordAudit } from "@/db/queries/audit-log";
import { getChannel } from "@/db/queries/channels";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import type { TestMessageInput } from "@/lib/validations/test-message";
import { enqueueOutboundMessage } from "./enqueue";

/*
 * "Send a test message": queued, not sent here. The row and its job are written with the audit
 * entry in one transaction, and the page follows the message as the worker and then the provider's
 * reports move it on. The audit entry names the recipient, never the channel's secrets.
 */

const e = (key: string) => `testMessage.errors.${key}`;

export async function sendTestMessage(input: TestMessageInput, ctx: TenantContext): Promise<{ messageId: string }> {
  const scope = { tenantId: ctx.tenantId };
  return ctx.db.transaction(async (tx) => {
    const channel = await getChannel(tx, scope, input.channelId);
    if (!channel) throw notFound(e("notFound"));
    if (channel.channelType !== input.channelType) throw new AppError("validation", e("wrongChannelType"));
    if (channel.status !== "enabled") throw conflict(e("channelDisabled"));
    const templateName = input.channelType === "whatsapp" && input.templateName ? input.templateName : null;
    if (templateName && channel.provider !== "cloud-api") throw new AppError("validation", e("templateOnlyMeta"), { templateName: [e("templateOnlyMeta")] });

    const { message } = await enqueueOutboundMessage(tx, {
      kind: "test",
      tenantId: ctx.tenantId,
      channelId: channel.id,
      recipient: input.recipient,
      text: input.text,
      templateName,
      createdByUserId: ctx.user.id,
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "channel.testMessage",
      targetType: "channel",
      targetId: channel.id,
      after: { recipient: input.recipient, ...(templateName ? { templateName } : {}), messageId: message.id },
    });
    return { messageId: message.id };
  });
}
