import type { Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import {
  countRegistrationsSince,
  getProviderToolsChannel,
  getTokenStatus,
  insertRegistration,
  lockNumberRegistrations,
  type ProviderToolsChannel,
  type TokenStatusRow,
} from "@/db/queries/provider-tools";
import { AppError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { probeCloudApi, type CloudApiPhoneNumber } from "@/lib/outbound/providers/cloud-api";
import type { ProviderFailure } from "@/lib/outbound/providers/result";
import { getWabaSubscription, registerNumber, setWabaSubscription, type WabaSubscription } from "./graph-admin";
import { registerBudget, registerWindowStart, type RegisterBudget } from "./register-budget";
import { metaSettingsOf } from "./settings";
import { checkChannelToken } from "./token-check";

/*
 * The Meta number tools of a cloud-api channel's page (issue 15, item 5): the number's status,
 * the WABA's webhook subscription, registering the number with its PIN, and the token check.
 * Every change and check is audited with its outcome and Meta's code, never a secret or the PIN.
 */

const e = (key: string) => `providerTools.errors.${key}`;

async function cloudApiChannel(db: Db, tenantId: string, channelId: string): Promise<ProviderToolsChannel> {
  const channel = await getProviderToolsChannel(db, { tenantId }, channelId);
  if (!channel) throw notFound(e("notFound"));
  if (channel.provider !== "cloud-api") throw new AppError("validation", e("notCloudApi"));
  return channel;
}

/** Meta's refusal as the admin sees it: its code and words (secrets already cut), or "could not connect". */
export function metaRefusal(failure: ProviderFailure): AppError {
  if (failure.kind === "connect") return new AppError("unavailable", e("metaUnreachable"));
  if (failure.code === "133016") return new AppError("rateLimited", e("registerBlocked"), undefined, { code: failure.code, message: failure.message ?? "" });
  return new AppError("validation", e("metaRefused"), undefined, { code: failure.code ?? String(failure.status), message: failure.message ?? "" });
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const outcomeOf = <T>(result: { ok: true; value: T } | { ok: false; failure: ProviderFailure }): Outcome<T> =>
  result.ok
    ? result
    : result.failure.kind === "connect"
      ? { ok: false, code: "connect", message: "" }
      : { ok: false, code: result.failure.code ?? String(result.failure.status), message: result.failure.message ?? "" };

const codeOf = (result: { ok: boolean }): string | null => {
  const outcome = outcomeOf(result as Parameters<typeof outcomeOf>[0]);
  return outcome.ok ? null : outcome.code;
};

export interface MetaToolsView {
  number: Outcome<CloudApiPhoneNumber>;
  /** null: the channel names no WABA id. */
  subscription: Outcome<WabaSubscription> | null;
  token: TokenStatusRow | null;
  budget: RegisterBudget;
}

/** What the Provider section shows; read-only calls to Meta, made for tenant admins and support staff alike. */
export async function loadMetaToolsView(db: Db, tenantId: string, channelId: string, now = new Date()): Promise<MetaToolsView> {
  const channel = await cloudApiChannel(db, tenantId, channelId);
  const { settings, context } = await metaSettingsOf(db, channel);
  const [number, subscription, token, attempts] = await Promise.all([
    probeCloudApi(settings, context).then(outcomeOf),
    settings.wabaId ? getWabaSubscription(settings, context).then(outcomeOf) : null,
    getTokenStatus(db, { tenantId }, channelId),
    countRegistrationsSince(db, settings.phoneNumberId, registerWindowStart(now)),
  ]);
  return { number, subscription, token, budget: registerBudget(attempts) };
}

export async function setMetaSubscription(input: { channelId: string; subscribe: boolean }, ctx: TenantContext): Promise<{ subscribed: boolean }> {
  const channel = await cloudApiChannel(ctx.db, ctx.tenantId, input.channelId);
  const { settings, context } = await metaSettingsOf(ctx.db, channel);
  if (!settings.wabaId) throw new AppError("validation", e("noWabaId"));
  const result = await setWabaSubscription(settings, input.subscribe, context);
  await recordAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.user.id,
    action: "channel.metaWabaSubscription",
    targetType: "channel",
    targetId: channel.id,
    after: { wabaId: settings.wabaId, subscribe: input.subscribe, outcome: result.ok ? "succeeded" : "failed", errorCode: codeOf(result) },
  });
  if (!result.ok) throw metaRefusal(result.failure);
  return { subscribed: input.subscribe };
}

/**
 * Registers the number with its PIN. Attempts on one number are serialised and counted first: with
 * the budget spent the console refuses without asking Meta. Every attempt Meta saw is recorded.
 */
export async function registerMetaNumber(input: { channelId: string; pin: string }, ctx: TenantContext): Promise<{ budget: RegisterBudget }> {
  const channel = await cloudApiChannel(ctx.db, ctx.tenantId, input.channelId);
  const { settings, context } = await metaSettingsOf(ctx.db, channel);
  const scope = { tenantId: ctx.tenantId };
  const answer = await ctx.db.transaction(async (tx) => {
    await lockNumberRegistrations(tx, settings.phoneNumberId);
    const before = registerBudget(await countRegistrationsSince(tx, settings.phoneNumberId, registerWindowStart(new Date())));
    const audit = (after: Record<string, unknown>) =>
      recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "channel.metaNumberRegister",
        targetType: "channel",
        targetId: channel.id,
        after: { phoneNumberId: settings.phoneNumberId, ...after },
      });
    if (before.left === 0) {
      await audit({ outcome: "refused-locally", budgetLeft: 0 });
      return { refusedLocally: true as const, limit: before.limit };
    }
    const result = await registerNumber(settings, input.pin, context);
    const outcome = outcomeOf(result);
    // "connect" never reached Meta: it costs nothing of the budget, so it is no attempt.
    if (result.ok || result.failure.kind !== "connect") {
      await insertRegistration(tx, scope, {
        channelId: channel.id,
        phoneNumberId: settings.phoneNumberId,
        outcome: outcome.ok ? "succeeded" : "failed",
        errorCode: outcome.ok ? null : outcome.code,
        errorMessage: outcome.ok ? null : outcome.message || null,
        attemptedByUserId: ctx.user.id,
      });
    }
    await audit({ outcome: outcome.ok ? "succeeded" : "failed", errorCode: outcome.ok ? null : outcome.code });
    const budget = registerBudget(await countRegistrationsSince(tx, settings.phoneNumberId, registerWindowStart(new Date())));
    return { refusedLocally: false as const, result, budget };
  });
  // Thrown after the commit, so a refused attempt stays counted and audited.
  if (answer.refusedLocally) throw new AppError("rateLimited", e("registerBudgetSpent"), undefined, { limit: answer.limit });
  if (!answer.result.ok) throw metaRefusal(answer.result.failure);
  return { budget: answer.budget };
}

export async function checkMetaToken(input: { channelId: string }, ctx: TenantContext): Promise<{ isValid: TokenStatusRow["isValid"] }> {
  const channel = await cloudApiChannel(ctx.db, ctx.tenantId, input.channelId);
  const saved = await checkChannelToken(ctx.db, channel, ctx.user.id);
  return { isValid: saved.isValid };
}
