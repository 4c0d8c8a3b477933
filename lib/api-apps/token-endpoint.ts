import type { Db } from "@/db/client";
import { deleteExpiredTokens, findApiAppCredentials, insertAccessToken } from "@/db/queries/api-apps";
import { throttleFor } from "@/lib/auth/throttle";
import { TOKEN_POLICY, type ThrottlePolicy } from "@/lib/auth/throttle-policy";
import { isDatabaseUnavailable } from "@/lib/errors";
import { requestAddressKey } from "@/lib/rate-limit/client-address";
import { canonicalApis } from "./apis";
import { APP_KEY_PATTERN, clientThrottleKey, credentialMatches, generateAccessToken, hashCredential, UNKNOWN_CLIENT_HASH } from "./credentials";
import { failures, oauthErrorResponse, tokenResponse, type OAuthFailure } from "./oauth-response";
import { formatScope, grantScope } from "./scope";
import { parseTokenRequest, type TokenRequest } from "./token-request";

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface TokenEndpointOptions {
  now?: Date;
  /** The failure throttle's limits (lib/auth/throttle-policy.ts); tests use tighter ones. */
  throttlePolicy?: ThrottlePolicy;
}

type Authenticated = { ok: true; app: NonNullable<Awaited<ReturnType<typeof findApiAppCredentials>>> } | { ok: false; failure: OAuthFailure };

/**
 * RFC 6749 has no error for throttling; `invalid_client` is what was being attempted, and 429 with
 * Retry-After is what any HTTP client understands.
 */
function throttled(retryAfterSeconds: number): OAuthFailure {
  return {
    status: 429,
    error: "invalid_client",
    description: "Too many failed client authentications from this address; retry later.",
    retryAfterSeconds,
  };
}

/**
 * Client authentication (RFC 6749 §2.3.1). Unknown clients, wrong secrets and disabled apps get
 * the same answer; an unknown client costs the same hash and compare as a known one. Failures
 * are throttled per (client_id, client address) and per address (lib/auth/throttle.ts), so a
 * stranger's bad secrets never slow down the app's real caller at another address.
 */
async function authenticateClient(db: Db, request: TokenRequest, address: string, policy: ThrottlePolicy): Promise<Authenticated> {
  const verdict = await throttleFor(db, policy).begin(clientThrottleKey(request.clientId), address);
  if (!verdict.admitted) return { ok: false, failure: throttled(verdict.retryAfterSeconds) };

  // Only well-formed keys reach the database (no NUL bytes or megabyte strings in a query).
  const app = APP_KEY_PATTERN.test(request.clientId) ? await findApiAppCredentials(db, request.clientId) : null;
  const secretMatches = credentialMatches(request.clientSecret, app?.secretHash ?? UNKNOWN_CLIENT_HASH);
  if (!app || !secretMatches) return { ok: false, failure: failures.invalidClient() };
  await verdict.attempt.succeeded();
  if (app.disabledAt) return { ok: false, failure: failures.invalidClient() };
  return { ok: true, app };
}

/** POST /api/oauth/token: the client-credentials grant (RFC 6749 §4.4) for API apps. */
export async function handleTokenRequest(db: Db, request: Request, options: TokenEndpointOptions = {}): Promise<Response> {
  const parsed = await parseTokenRequest(request);
  if (!parsed.ok) return oauthErrorResponse(parsed.failure);
  const now = options.now ?? new Date();
  try {
    const address = requestAddressKey(request);
    const client = await authenticateClient(db, parsed.value, address, options.throttlePolicy ?? TOKEN_POLICY);
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
