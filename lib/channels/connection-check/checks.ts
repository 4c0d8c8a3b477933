import { recordAudit } from "@/db/queries/audit-log";
import { getChannelForCheck, saveConnectionCheck } from "@/db/queries/connection-checks";
import { AppError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { OutboundLimitError } from "@/lib/outbound/errors";
import { outboundScope } from "@/lib/outbound/scope";
import { checkTargetOf } from "./channel-target";
import { BULK_CHECK_CONCURRENCY } from "./limits";
import { mapBounded } from "./map-bounded";
import { runConnectionCheck } from "./run-check";
import type { CheckOutcome, StepRecord } from "./steps";
import { moduleLog } from "@/lib/log/logger";

/*
 * "Check connection" for one channel and for a ticked selection: run the check, keep it as the
 * channel's latest, audit it (outcomes and provider codes only: never a secret, nor the provider's
 * text). The check runs outside any transaction: it waits on the network.
 */

export interface ConnectionCheckAnswer {
  channelId: string;
  outcome: CheckOutcome;
  steps: StepRecord[];
  /** ISO 8601. */
  checkedAt: string;
}

const channelNotFound = () => notFound("connectionCheck.errors.notFound");

export async function checkConnection(input: { channelId: string }, ctx: TenantContext): Promise<ConnectionCheckAnswer> {
  const scope = { tenantId: ctx.tenantId };
  const channel = await getChannelForCheck(ctx.db, scope, input.channelId);
  if (!channel) throw channelNotFound();
  const target = await checkTargetOf(ctx.db, ctx.tenantId, channel);
  const result = await runConnectionCheck(target, { scope: outboundScope(ctx.db, ctx.tenantId) });
  const saved = await ctx.db.transaction(async (tx) => {
    const row = await saveConnectionCheck(tx, scope, { channelId: channel.id, ...result, checkedByUserId: ctx.user.id });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "channel.connectionCheck",
      targetType: "channel",
      targetId: channel.id,
      after: {
        outcome: result.outcome,
        steps: result.steps.map(({ step, outcome, providerCode }) => ({ step, outcome, ...(providerCode ? { providerCode } : {}) })),
      },
    });
    return row;
  });
  return { channelId: saved.channelId, outcome: saved.outcome, steps: saved.steps, checkedAt: saved.checkedAt.toISOString() };
}

export type BulkCheckItem = { channelId: string; ok: true; outcome: CheckOutcome; checkedAt: string } | { channelId: string; ok: false; error: string };

export async function checkConnections(input: { channelIds: string[] }, ctx: TenantContext): Promise<BulkCheckItem[]> {
  const ids = [...new Set(input.channelIds)];
  return mapBounded(ids, BULK_CHECK_CONCURRENCY, async (channelId): Promise<BulkCheckItem> => {
    try {
      const answer = await checkConnection({ channelId }, ctx);
      return { channelId, ok: true, outcome: answer.outcome, checkedAt: answer.checkedAt };
    } catch (error) {
      if (error instanceof OutboundLimitError) return { channelId, ok: false, error: "outboundTooManyCalls" };
      if (error instanceof AppError) return { channelId, ok: false, error: error.code };
      moduleLog("connection-check").error({ err: error, tenantId: ctx.tenantId, channelId }, "connection check failed");
      return { channelId, ok: false, error: "unexpected" };
    }
  });
}
