import { parseBasicAuthorization } from "./authorization-header";
import { failures, type OAuthFailure } from "./oauth-response";

/** Bodies beyond this are refused unread: a token request is a few hundred bytes. */
export const MAX_TOKEN_REQUEST_BYTES = 8 * 1024;
const MAX_CLIENT_ID_LENGTH = 256;

export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  scope: string | undefined;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; failure: OAuthFailure };
const fail = (failure: OAuthFailure): { ok: false; failure: OAuthFailure } => ({ ok: false, failure });

function isFormContentType(header: string | null): boolean {
  return header?.split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/** Reads at most `maxBytes` of the body; null when it is longer (the rest is never buffered). */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Form parameters, each at most once (RFC 6749 §3.2). Empty values count as omitted (§3.1);
 * unknown parameters are ignored.
 */
function formParameters(body: Uint8Array): Parsed<Map<string, string>> {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(body))) {
    if (params.has(name)) return fail(failures.invalidRequest(`The parameter ${name.slice(0, 40)} is repeated.`));
    params.set(name, value);
  }
  for (const [name, value] of params) if (value === "") params.delete(name);
  return { ok: true, value: params };
}

/** Where the client credentials come from: the Basic header or the body, never both (§2.3). */
function clientCredentials(authorization: string | null, params: Map<string, string>): Parsed<Omit<TokenRequest, "scope">> {
  const header = parseBasicAuthorization(authorization);
  const bodyId = params.get("client_id");
  const bodySecret = params.get("client_secret");
  if (header.kind === "invalid") return fail(failures.invalidClient());
  if (header.kind === "basic") {
    // A client_id beside Basic is tolerated when it names the same client; a secret is not.
    if (bodySecret !== undefined || (bodyId !== undefined && bodyId !== header.clientId)) {
      return fail(failures.invalidRequest("Use one client authentication method: HTTP Basic or client_id and client_secret in the body."));
    }
    return { ok: true, value: { clientId: header.clientId, clientSecret: header.clientSecret } };
  }
  if (bodyId === undefined && bodySecret === undefined) return fail(failures.invalidClient());
  if (bodyId === undefined) return fail(failures.invalidRequest("client_secret was sent without client_id."));
  // No public clients here: a client_id without a secret cannot authenticate.
  if (bodySecret === undefined) return fail(failures.invalidClient());
  return { ok: true, value: { clientId: bodyId, clientSecret: bodySecret } };
}

/**
 * Checks the shape of a client-credentials token request (RFC 6749 §4.4.2) without touching the
 * database: content type, size, parameters, grant type and where the credentials are.
 */
export async function parseTokenRequest(request: Request, maxBytes = MAX_TOKEN_REQUEST_BYTES): Promise<Parsed<TokenRequest>> {
  if (!isFormContentType(request.headers.get("content-type"))) {
    return fail(failures.invalidRequest("The body must be application/x-www-form-urlencoded."));
  }
  let body: Uint8Array | null;
  try {
    body = await readCapped(request, maxBytes);
  } catch {
    return fail(failures.invalidRequest("The request body could not be read."));
  }
  if (body === null) {
    return fail({ status: 413, error: "invalid_request", description: `The body is larger than ${maxBytes} bytes.` });
  }
  const params = formParameters(body);
  if (!params.ok) return params;

  const grantType = params.value.get("grant_type");
  if (grantType === undefined) return fail(failures.invalidRequest("grant_type is missing."));
  if (grantType !== "client_credentials") {
    return fail({ status: 400, error: "unsupported_grant_type", description: "Only the client_credentials grant is supported." });
  }

  const credentials = clientCredentials(request.headers.get("authorization"), params.value);
  if (!credentials.ok) return credentials;
  if (credentials.value.clientId.length > MAX_CLIENT_ID_LENGTH) return fail(failures.invalidClient());
  return { ok: true, value: { ...credentials.value, scope: params.value.get("scope") } };
}
