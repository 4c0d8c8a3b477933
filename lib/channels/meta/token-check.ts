import type { Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import { saveTokenStatus, type ProviderToolsChannel, type TokenStatusRow, type TokenStatusValues } from "@/db/queries/provider-tools";
import type { ProviderResult } from "@/lib/outbound/providers/result";
import { debugToken, type DebugTokenInfo } from "./graph-admin";
import { metaSettingsOf } from "./settings";

/*
 * A cloud-api channel's access token as Meta sees it (debug_token, outbound.md §1.3), stored in
 * channel_token_status. Asking with `<APP_ID>|<APP_SECRET>` also proves the app secret: Meta
 * refuses a wrong one, and answers the app id the token belongs to, which must be ours.
 */

/** Our own codes beside Meta's, for the cases Meta answers without one. */
export const TOKEN_CHECK_CODES = { appIdMismatch: "app-id-mismatch", connect: "connect" } as const;

export function tokenStatusFrom(result: ProviderResult<DebugTokenInfo>, storedAppId: string): TokenStatusValues {
  if (!result.ok) {
    const { failure } = result;
    if (failure.kind === "connect") return { isValid: "unknown", errorCode: TOKEN_CHECK_CODES.connect, errorMessage: null, scopes: [] };
    // Meta refused the question itself: most often the app secret (190 on `<APP_ID>|<APP_SECRET>`).
    return { isValid: "unknown", errorCode: failure.code ?? String(failure.status), errorMessage: failure.message ?? null, scopes: [] };
  }
  const info = result.value;
  const facts = {
    expiresAt: info.expiresAt,
    dataAccessExpiresAt: info.dataAccessExpiresAt,
    scopes: info.scopes,
    tokenType: info.type,
    appId: info.appId,
  };
  if (info.appId !== null && info.appId !== storedAppId) {
    return {
      ...facts,
      isValid: "invalid",
      errorCode: TOKEN_CHECK_CODES.appIdMismatch,
      errorMessage: `The token belongs to app ${info.appId}, not to this channel's app ${storedAppId}.`,
    };
  }
  if (!info.isValid) return { ...facts, isValid: "invalid", errorCode: info.error?.code ?? null, errorMessage: info.error?.message ?? null };
  return { ...facts, isValid: "valid", errorCode: null, errorMessage: null };
}

/** Asks Meta, stores the answer, and audits the check (outcome and expiry only, never a secret). */
export async function checkChannelToken(db: Db, channel: ProviderToolsChannel, actorUserId: string | null): Promise<TokenStatusRow> {
  const { settings, context } = await metaSettingsOf(db, channel);
  // The tenant's outbound limit (OutboundLimitError, an AppError) is thrown as it is: nothing was asked.
  const result = await debugToken(settings, context);
  const scope = { tenantId: channel.tenantId };
  const saved = await saveTokenStatus(db, scope, channel.id, tokenStatusFrom(result, settings.appId));
  await recordAudit(db, {
    tenantId: channel.tenantId,
    actorUserId,
    action: "channel.metaTokenCheck",
    targetType: "channel",
    targetId: channel.id,
    after: { isValid: saved.isValid, expiresAt: saved.expiresAt?.toISOString() ?? null, errorCode: saved.errorCode },
  });
  return saved;
}
