import type { Task } from "graphile-worker";
import type { Db } from "@/db/client";
import { listChannelsOfProvider } from "@/db/queries/provider-tools";
import { TOKEN_EXPIRY_WARNING_DAYS } from "../token-validity";
import { checkChannelToken } from "./token-check";

/*
 * The daily re-check of every cloud-api channel's access token (debug_token), so the channel page's
 * expiry warning rests on what Meta says today. A graphile-worker task with its crontab line; the
 * worker that runs it is wired elsewhere. One channel's failure (Meta down, a tenant at its
 * outbound limit) is reported and the others are still checked.
 */

export const TOKEN_RECHECK_JOB = "meta-token-recheck";
/** 06:15 every day (the worker's time zone), after the night's maintenance; graphile-worker crontab syntax. */
export const TOKEN_RECHECK_CRONTAB = `15 6 * * * ${TOKEN_RECHECK_JOB}`;

const DAY_MS = 86_400_000;

export interface TokenRecheckReport {
  checked: number;
  /** Valid tokens expiring within TOKEN_EXPIRY_WARNING_DAYS. */
  expiring: { tenantId: string; channelId: string; expiresAt: Date; daysLeft: number }[];
  /** Tokens Meta calls invalid (expired, revoked, another app's). */
  invalid: { tenantId: string; channelId: string; errorCode: string | null }[];
  /** Channels whose check could not be made (nothing stored for them but what Meta answered). */
  failed: { tenantId: string; channelId: string }[];
}

export async function recheckMetaTokens(db: Db, now: Date = new Date()): Promise<TokenRecheckReport> {
  const report: TokenRecheckReport = { checked: 0, expiring: [], invalid: [], failed: [] };
  for (const channel of await listChannelsOfProvider(db, "cloud-api")) {
    const ids = { tenantId: channel.tenantId, channelId: channel.id };
    try {
      const status = await checkChannelToken(db, channel, null);
      report.checked++;
      if (status.isValid === "invalid") report.invalid.push({ ...ids, errorCode: status.errorCode });
      else if (status.isValid === "unknown") report.failed.push(ids);
      else if (status.expiresAt) {
        const daysLeft = Math.floor((status.expiresAt.getTime() - now.getTime()) / DAY_MS);
        if (daysLeft <= TOKEN_EXPIRY_WARNING_DAYS) report.expiring.push({ ...ids, expiresAt: status.expiresAt, daysLeft });
      }
    } catch {
      // Nothing of the error is kept: it is the tenant's limit or the database, never worth a secret in a log.
      report.failed.push(ids);
    }
  }
  return report;
}

/** The task: re-check, then warn in the worker's log about every token that needs a person. */
export function createTokenRecheckTask(getDb: () => Db): Task {
  return async (_payload, helpers) => {
    const report = await recheckMetaTokens(getDb());
    for (const token of report.expiring) {
      helpers.logger.warn(`Meta access token of channel ${token.channelId} (tenant ${token.tenantId}) expires in ${token.daysLeft} day(s), ${token.expiresAt.toISOString()}`);
    }
    for (const token of report.invalid) {
      helpers.logger.warn(`Meta access token of channel ${token.channelId} (tenant ${token.tenantId}) is not valid (${token.errorCode ?? "no code"})`);
    }
    if (report.failed.length > 0) helpers.logger.warn(`Meta token re-check could not check ${report.failed.length} channel(s)`);
    helpers.logger.info(`Meta token re-check: ${report.checked} checked, ${report.expiring.length} expiring, ${report.invalid.length} invalid`);
  };
}
