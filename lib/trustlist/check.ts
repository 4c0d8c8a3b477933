import "server-only";
import type { DbOrTx } from "@/db/client";
import { listApprovedPrefixes } from "@/db/queries/trustlist";
import { AppError } from "@/lib/errors";
import { checkUrl, suggestTrustlistPrefix, trustlistRequestHref, urlRefusalKey, type UrlRefusal } from "./prefix";

export { urlRefusalKey };

/**
 * A URL outbound calls may not target. `code` is always "trustlist.errors.notOnTrustlist"; the
 * field error names the precise reason. `suggestedPrefix` is what a tenant administrator could
 * request to make the URL callable (null when no prefix could: http, credentials, path tricks),
 * and `requestHref` opens the request form pre-filled with it. Server actions that want to offer
 * the request in place can catch this error and return `toOffer()` as data; a browser form can
 * also compute the same suggestion itself with `suggestTrustlistPrefix` on the value it sent.
 */
export class TrustlistCheckError extends AppError {
  readonly suggestedPrefix: string | null;

  constructor(
    readonly reason: UrlRefusal,
    url: string,
    readonly field: string,
  ) {
    super("validation", "trustlist.errors.notOnTrustlist", { [field]: [urlRefusalKey(reason)] });
    this.name = "TrustlistCheckError";
    this.suggestedPrefix = reason === "notOnTrustlist" ? suggestTrustlistPrefix(url) : null;
  }

  get requestHref(): string | null {
    return this.suggestedPrefix ? trustlistRequestHref(this.suggestedPrefix) : null;
  }

  /** Plain data for a client: why, and what to request. */
  toOffer(): TrustlistOffer {
    return { reason: this.reason, messageKey: urlRefusalKey(this.reason), suggestedPrefix: this.suggestedPrefix, requestHref: this.requestHref };
  }
}

export interface TrustlistOffer {
  reason: UrlRefusal;
  messageKey: string;
  suggestedPrefix: string | null;
  requestHref: string | null;
}

/**
 * Throws TrustlistCheckError unless an approved prefix admits `url`. Answers the normalised URL
 * (call exactly this string: it is what was judged) and the prefix that admitted it.
 */
export async function assertUrlOnTrustlist(
  db: DbOrTx,
  url: string,
  options: { field?: string } = {},
): Promise<{ url: string; prefix: string }> {
  const result = checkUrl(url, await listApprovedPrefixes(db));
  if (!result.allowed) throw new TrustlistCheckError(result.reason, url, options.field ?? "baseUrl");
  return { url: result.url, prefix: result.prefix };
}
