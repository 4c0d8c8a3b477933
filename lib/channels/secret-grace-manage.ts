import { recordAudit } from "@/db/queries/audit-log";
import { lockChannelIntegration } from "@/db/queries/channel-integration";
import { changeSecretGrace, replaceIntegrationToken } from "@/db/queries/secret-grace";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import type { SecretGraceInput } from "@/lib/validations/secret-grace";
import { generateIntegrationToken } from "./integration";
import { variantOfRow } from "./record";
import { graceDeadline, previousSecretContext } from "./secret-grace";
import { channelSecretContext } from "./secrets";

/*
 * The administrator's control over a running grace period: end it now, or let it run for a chosen
 * period from now. Both are tenant-scoped (another tenant's channel answers "no grace period") and
 * audited by the secret's name and the deadlines, never a value.
 */

const e = (key: string) => `secretGrace.errors.${key}`;

export async function changeGrace(input: SecretGraceInput, ctx: TenantContext, now = new Date()): Promise<{ until: string | null }> {
  const scope = { tenantId: ctx.tenantId };
  const until = input.action === "end" ? null : graceDeadline(now, input.period);
  return ctx.db.transaction(async (tx) => {
    const changed = await changeSecretGrace(tx, scope, input.channelId, until, now);
    if (!changed) throw notFound(e("noGrace"));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: input.action === "end" ? "channel.secretGraceEnded" : "channel.secretGraceChanged",
      targetType: "channel",
      targetId: input.channelId,
      before: { secret: changed.field, graceUntil: changed.before.toISOString() },
      after: { secret: changed.field, graceUntil: until ? until.toISOString() : "ended" },
    });
    return { until: until ? until.toISOString() : null };
  });
}

/**
 * Telegram's secret token is the console's own (given to setWebhook), so replacing it is a new
 * random token; the old one stays accepted for the default grace period until "Register webhook"
 * has told Telegram the new one. The token is never answered: the page shows it to administrators.
 */
export async function regenerateSecretToken(input: { channelId: string }, ctx: TenantContext, now = new Date()): Promise<{ until: string }> {
  const scope = { tenantId: ctx.tenantId };
  const keyring = getKeyring();
  return ctx.db.transaction(async (tx) => {
    const channel = await lockChannelIntegration(tx, scope, input.channelId);
    if (!channel) throw notFound("channelIntegration.errors.notFound");
    if (variantOfRow(channel) !== "telegram" || !channel.integrationToken) throw new AppError("validation", e("notTelegram"));
    const old = decryptSecret(keyring, channel.integrationToken, channelSecretContext(channel.id, "integrationToken"));
    const fresh = encryptSecret(keyring, generateIntegrationToken(), channelSecretContext(channel.id, "integrationToken"));
    const until = graceDeadline(now);
    const previous = {
      previousSecretField: "integrationToken",
      previousSecret: encryptSecret(keyring, old, previousSecretContext(channel.id, "integrationToken")),
      previousSecretUntil: until,
    };
    if (!(await replaceIntegrationToken(tx, scope, channel.id, fresh, previous))) throw notFound("channelIntegration.errors.notFound");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "channel.secretTokenRegenerated",
      targetType: "channel",
      targetId: channel.id,
      after: { secrets: { integrationToken: "replaced" }, graceUntil: until.toISOString() },
    });
    return { until: until.toISOString() };
  });
}
