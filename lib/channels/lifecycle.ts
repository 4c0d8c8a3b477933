import { recordAudit } from "@/db/queries/audit-log";
import { deleteChannel as deleteChannelRow, getChannel, setChannelStatus as setChannelStatusRow } from "@/db/queries/channels";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";

/*
 * Enable / disable and delete. A disabled channel's webhooks answer 404 and store nothing (issue 5),
 * so disabling is the safe way to pause a channel without losing its configuration.
 */

const channelNotFound = () => notFound("channels.errors.notFound");

export async function setChannelEnabled(input: { channelId: string; enabled: boolean }, ctx: TenantContext): Promise<{ version: number }> {
  const scope = { tenantId: ctx.tenantId };
  return ctx.db.transaction(async (tx) => {
    const before = await getChannel(tx, scope, input.channelId);
    if (!before) throw channelNotFound();
    const status = input.enabled ? "enabled" : "disabled";
    if (before.status === status) return { version: before.version };
    const version = await setChannelStatusRow(tx, scope, input.channelId, status);
    if (version === null) throw channelNotFound();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: input.enabled ? "channel.enable" : "channel.disable",
      targetType: "channel",
      targetId: input.channelId,
      before: { name: before.name, status: before.status },
      after: { name: before.name, status },
    });
    return { version };
  });
}

export async function deleteChannel(input: { channelId: string }, ctx: TenantContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const deleted = await deleteChannelRow(tx, { tenantId: ctx.tenantId }, input.channelId);
    if (!deleted) throw channelNotFound();
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "channel.delete",
      targetType: "channel",
      targetId: input.channelId,
      before: { name: deleted.name, provider: deleted.provider },
    });
  });
}
