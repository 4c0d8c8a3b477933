import { createHash } from "node:crypto";
import { z } from "zod";
import { classifyStatus, failed, malformed, parseRetryAfter, redact, succeeded, type ProviderResult } from "./result";
import { basicAuth, jsonOf, send, type CallContext, type ChannelTls } from "./transport";

/*
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for the customer-built BSP: the client id and secret
 * (the channel's UserName and Password) are sent by HTTP Basic (§2.3.1) to the token URL, which
 * answers a bearer token. Tokens are kept in memory until shortly before they expire, so a burst of
 * sends costs one token request, not one each.
 */

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((type) => type.toLowerCase() === "bearer"),
  expires_in: z.coerce.number().positive().optional(),
});
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** A token is not used in its last minute, so it does not expire on the way. */
const EXPIRY_MARGIN_MS = 60_000;
/** Without `expires_in`, a token is kept this long (RFC 6749 leaves the lifetime to the server). */
const DEFAULT_LIFETIME_MS = 5 * 60_000;
const cache = new Map<string, { token: string; expiresAt: number }>();

// Keyed by a hash, so the cache never holds the client secret itself as a key.
const keyOf = (credentials: ClientCredentials) =>
  createHash("sha256").update(`${credentials.tokenUrl}\n${credentials.clientId}\n${credentials.clientSecret}`).digest("hex");

/** Forget a token the API refused (revoked early), so the next call asks for a new one. */
export function forgetToken(credentials: ClientCredentials): void {
  cache.delete(keyOf(credentials));
}

export async function clientCredentialsToken(
  credentials: ClientCredentials,
  tls: ChannelTls,
  context: CallContext,
  now: () => number = Date.now,
): Promise<ProviderResult<{ token: string; fromCache: boolean }>> {
  const key = keyOf(credentials);
  const cached = cache.get(key);
  if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return succeeded({ token: cached.token, fromCache: true });

  const sent = await send(
    {
      method: "POST",
      url: credentials.tokenUrl,
      headers: { authorization: basicAuth(credentials.clientId, credentials.clientSecret), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
    },
    tls,
    context,
  );
  if (!sent.ok) return failed(sent.failure);
  const { response } = sent;
  const body = jsonOf(response);
  if (response.status < 200 || response.status > 299) {
    const said = oauthErrorSchema.safeParse(body);
    const code = said.success ? said.data.error : undefined;
    const message = redact(said.success ? said.data.error_description : undefined, [credentials.clientSecret]);
    // RFC 6749 §5.2: a refused client is 400 or 401 with invalid_client; either way it is the credentials.
    if (code === "invalid_client" || code === "unauthorized_client") return failed({ kind: "unauthorized", retryable: false, status: response.status, code, message });
    return failed(classifyStatus({ status: response.status, code, message }, parseRetryAfter(response.headers["retry-after"])));
  }
  const parsed = tokenSchema.safeParse(body);
  if (!parsed.success) return failed(malformed(response.status));
  const lifetime = parsed.data.expires_in !== undefined ? parsed.data.expires_in * 1000 : DEFAULT_LIFETIME_MS;
  cache.set(key, { token: parsed.data.access_token, expiresAt: now() + lifetime });
  return succeeded({ token: parsed.data.access_token, fromCache: false });
}
