import type { Db } from "@/db/client";
import { deleteExpiredTokens, findApiAppCredentials, insertAccessToken } from "@/db/queries/api-apps";
import { clearSignInFailures, getSignInFailure, recordSignInFailure, type ThrottlePolicy } from "@/db/queries/sign-in-failures";
import { isDatabaseUnavailable } from "@/lib/errors";
import { canonicalApis } from "./apis";
import { APP_KEY_PATTERN, clientThrottleKey, credentialMatches, generateAccessToken, hashCredential, UNKNOWN_CLIENT_HASH } from "./credentials";
import { failures, oauthErrorResponse, tokenResponse, type OAuthFailure } from "./oauth-response";
import { formatScope, grantScope } from "./scope";
import { parseTokenRequest, type TokenRequest } from "./token-request";

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Failed client authentications per client_id. The secrets have 256 bits, so this is not what
 * stops guessing; it keeps a misconfigured or hostile caller from hammering the database. The
 * lock is short because anyone who knows an app key (it is not secret) can trigger it.
 */
export const CLIENT_AUTH_THROTTLE: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 5 * 60_000 };

export interface TokenEndpointOptions {
  now?: Date;
  throttle?: ThrottlePolicy;
}

type Authenticated = { ok: true; app: NonNullable<Awaited<ReturnType<typeof findApiAppCredentials>>> } | { ok: false; failure: OAuthFailure };

function secondsUntil(later: Date, now: Date): number {
  return Math.max(1, Math.ceil((later.getTime() - now.getTime()) / 1000));
}

function lockedOut(until: Date, now: Date): OAuthFailure {
  return {
    status: 429,
    error: "invalid_client",
    description: "Too many failed client authentications for this client_id; retry later.",
    retryAfterSeconds: secondsUntil(until, now),
  };
}

/**
 * Client authentication (RFC 6749 §2.3.1). Unknown clients, wrong secrets and disabled apps get
 * the same answer; an unknown client costs the same hash and compare as a known one.
 */
async function authenticateClient(db: Db, request: TokenRequest, now: Date, policy: ThrottlePolicy): Promise<Authenticated> {
  const key = clientThrottleKey(request.clientId);
  const throttle = await getSignInFailure(db, key);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) return { ok: false, failure: lockedOut(throttle.lockedUntil, now) };

  // Only well-formed keys reach the database (no NUL bytes or megabyte strings in a query).
  const app = APP_KEY_PATTERN.test(request.clientId) ? await findApiAppCredentials(db, request.clientId) : null;
  const secretMatches = credentialMatches(request.clientSecret, app?.secretHash ?? UNKNOWN_CLIENT_HASH);
  if (!app || !secretMatches) {
    // The attempt that reaches the limit is still answered as a plain failure; the next ones get 429.
    await recordSignInFailure(db, key, now, policy);
    return { ok: false, failure: failures.invalidClient() };
  }
  if (throttle) await clearSignInFailures(db, key);
  if (app.disabledAt) return { ok: false, failure: failures.invalidClient() };
  return { ok: true, app };
}

/** POST /api/oauth/token: the client-credentials grant (RFC 6749 §4.4) for API apps. */
export async function handleTokenRequest(db: Db, request: Request, options: TokenEndpointOptions = {}): Promise<Response> {
  const parsed = await parseTokenRequest(request);
  if (!parsed.ok) return oauthErrorResponse(parsed.failure);
  const now = options.now ?? new Date();
  try {
    const client = await authenticateClient(db, parsed.value, now, options.throttle ?? CLIENT_AUTH_THROTTLE);
    if (!client.ok) return oauthErrorResponse(client.failure);
    const { app } = client;

    const apis = grantScope(parsed.value.scope, canonicalApis(app.apis));
    if (!apis || apis.length === 0) {
      return oauthErrorResponse({ status: 400, error: "invalid_scope", description: "The scope must list API names this app subscribes to." });
    }

    const accessToken = generateAccessToken();
    const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    const stored = await insertAccessToken(db, { tokenHash: hashCredential(accessToken), appId: app.id, tenantId: app.tenantId, apis, expiresAt }, app.secretHash);
    // Rotated or disabled between the check and now: the proven secret is no longer valid.
    if (!stored) return oauthErrorResponse(failures.invalidClient());
    // Keeps each app's expired tokens from piling up between scheduled clean-ups.
    await deleteExpiredTokens(db, now, { appId: app.id });

    return tokenResponse({ access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TOKEN_TTL_SECONDS, scope: formatScope(apis) });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return oauthErrorResponse({
      status: 503,
      error: "temporarily_unavailable",
      description: "The authorization server cannot reach its database; retry later.",
      retryAfterSeconds: 30,
    });
  }
}
