/** Error codes of the token endpoint (RFC 6749 §5.2), plus a 503 for database outages. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "temporarily_unavailable";

export interface OAuthFailure {
  status: 400 | 401 | 413 | 429 | 503;
  error: OAuthErrorCode;
  description: string;
  retryAfterSeconds?: number;
}

export const REALM = "channel-console";

// Token responses must never be cached (RFC 6749 §5.1).
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export function tokenResponse(body: { access_token: string; token_type: "Bearer"; expires_in: number; scope: string }): Response {
  return Response.json(body, { status: 200, headers: NO_STORE });
}

/**
 * An RFC 6749 §5.2 error body. Every 401 carries a Basic challenge (RFC 7235 §3.1 requires one,
 * and RFC 6749 requires it when the client tried Basic): Basic is the scheme we accept.
 */
export function oauthErrorResponse(failure: OAuthFailure): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (failure.status === 401) headers["WWW-Authenticate"] = `Basic realm="${REALM}"`;
  if (failure.retryAfterSeconds) headers["Retry-After"] = String(failure.retryAfterSeconds);
  return Response.json({ error: failure.error, error_description: failure.description }, { status: failure.status, headers });
}

export const failures = {
  invalidClient: (): OAuthFailure => ({ status: 401, error: "invalid_client", description: "Client authentication failed." }),
  invalidRequest: (description: string): OAuthFailure => ({ status: 400, error: "invalid_request", description }),
} as const;
