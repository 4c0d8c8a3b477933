import type { DbOrTx } from "@/db/client";
import { findActiveToken } from "@/db/queries/api-apps";
import type { ApiName } from "./apis";
import { ACCESS_TOKEN_PATTERN, hashCredential } from "./credentials";

export { parseBearerAuthorization } from "./authorization-header";

export interface BearerGrant {
  tenantId: string;
  appId: string;
  /** The APIs this token may call now. */
  apis: ApiName[];
}

/**
 * Checks a bearer token from POST /api/oauth/token for one API: unexpired, its app enabled and
 * still subscribed to `requiredApi`. The lookup is by SHA-256 of the token, so no comparison
 * ever runs over the secret itself. Null for anything else, including malformed tokens.
 */
export async function verifyBearerToken(db: DbOrTx, token: string, requiredApi: ApiName, now: Date = new Date()): Promise<BearerGrant | null> {
  if (!ACCESS_TOKEN_PATTERN.test(token)) return null;
  const grant = await findActiveToken(db, hashCredential(token), now);
  if (!grant || !grant.apis.includes(requiredApi)) return null;
  return grant;
}
