import type { ServerResponse } from "node:http";
import { metaBody } from "../fixtures/providers";
import { sendJson, type FakeHttps, type RecordedRequest } from "./server";

/*
 * The fake Graph API's admin endpoints (outbound.md §1.3–1.5): debug_token, a WABA's
 * subscribed_apps (GET/POST/DELETE) and a number's register, with Meta's bodies. Bodies marked
 * UNCERTAIN in outbound.md (wrong app secret, wrong PIN) are the ones third-party clients quote.
 */

export interface FakeMetaTokenInfo {
  appId: string;
  /** Unix seconds; 0 = never (system-user tokens). */
  expiresAt: number;
  scopes: string[];
  type?: string;
}

export interface FakeMetaAdminOptions {
  /** App id → app secret: what `access_token=<APP_ID>|<APP_SECRET>` must name on debug_token. */
  apps?: Record<string, string>;
  /** What debug_token says of each access token (an unknown one is answered is_valid:false). */
  tokenInfo?: Record<string, FakeMetaTokenInfo>;
  /** WABA id → the access tokens that may manage it. */
  wabas?: Record<string, string[]>;
  /** Phone number id → its two-step verification PIN. */
  pins?: Record<string, string>;
}

export interface FakeMetaAdminState {
  /** WABA id → subscribed app ids. */
  subscriptions: Map<string, Set<string>>;
  /** Every register call that reached the fake (accepted or not). */
  registerCalls: { phoneNumberId: string; pin: string }[];
}

export const newAdminState = (): FakeMetaAdminState => ({ subscriptions: new Map(), registerCalls: [] });

/** Meta's limit: the 11th register request within 72 hours is refused with 133016. */
const REGISTER_LIMIT = 10;
const ADMIN_PATH = /^\/(v\d+\.\d+)\/(?:(debug_token)|(\d+)\/(subscribed_apps|register))$/;

const trace = () => `A${Math.random().toString(36).slice(2, 14)}`;
const metaError = (message: string, code: number, extra: Record<string, unknown> = {}) => ({
  error: { message, type: "OAuthException", code, ...extra, fbtrace_id: trace() },
});

/** Handles the admin paths; false when `request` is not one of them (the number and messages routes take it). */
export function routeMetaAdmin(
  request: RecordedRequest,
  res: ServerResponse,
  fake: FakeHttps,
  options: FakeMetaAdminOptions & { version: string; tokens: Record<string, string[]> },
  state: FakeMetaAdminState,
): boolean {
  const match = ADMIN_PATH.exec(request.path);
  if (!match || match[1] !== options.version) return false;
  const [, , debugToken, id, action] = match;
  if (debugToken) {
    debugTokenAnswer(request, res, options);
    return true;
  }
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
  if (!token || !(token in options.tokens)) {
    sendJson(res, 401, metaBody("invalidToken"), { "www-authenticate": 'OAuth "Facebook Platform" "invalid_token"' });
    return true;
  }
  const next = fake.takeNext();
  if (next?.kind === "server-error") {
    sendJson(res, next.status ?? 503, metaBody("serviceUnavailable"));
    return true;
  }
  if (action === "subscribed_apps") subscribedApps(request, res, options, state, id!, token);
  else register(request, res, options, state, id!, token);
  return true;
}

function debugTokenAnswer(request: RecordedRequest, res: ServerResponse, options: FakeMetaAdminOptions): void {
  const caller = request.query.get("access_token") ?? "";
  const [appId, secret] = caller.split("|");
  if (!appId || !secret || options.apps?.[appId] !== secret) {
    // UNCERTAIN (outbound.md §1.3): what Graph answers an app token with a wrong secret, as clients quote it.
    return sendJson(res, 400, metaError("Invalid OAuth access token signature.", 190));
  }
  const input = request.query.get("input_token") ?? "";
  const info = options.tokenInfo?.[input];
  if (!info) {
    return sendJson(res, 200, {
      data: { is_valid: false, scopes: [], error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" } },
    });
  }
  const now = Math.floor(Date.now() / 1000);
  const expired = info.expiresAt !== 0 && info.expiresAt <= now;
  sendJson(res, 200, {
    data: {
      app_id: info.appId,
      type: info.type ?? "SYSTEM_USER",
      application: "Acme Support App",
      data_access_expires_at: info.expiresAt === 0 ? 0 : info.expiresAt + 60 * 86_400,
      expires_at: info.expiresAt,
      is_valid: !expired,
      issued_at: now - 3600,
      scopes: info.scopes,
      granular_scopes: info.scopes.map((scope) => ({ scope })),
      user_id: "122100000000000001",
      ...(expired
        ? {
            error: {
              code: 190,
              message: `Error validating access token: Session has expired on ${new Date(info.expiresAt * 1000).toUTCString()}.`,
              subcode: 463,
            },
          }
        : {}),
    },
  });
}

function subscribedApps(
  request: RecordedRequest,
  res: ServerResponse,
  options: FakeMetaAdminOptions,
  state: FakeMetaAdminState,
  wabaId: string,
  token: string,
): void {
  if (!options.wabas?.[wabaId]?.includes(token)) return unknownObject(res, wabaId, request.method);
  const apps = state.subscriptions.get(wabaId) ?? new Set<string>();
  state.subscriptions.set(wabaId, apps);
  const appId = options.tokenInfo?.[token]?.appId;
  if (request.method === "GET") {
    return sendJson(res, 200, {
      data: [...apps].map((id) => ({ whatsapp_business_api_data: { id, link: `https://www.facebook.com/games/?app_id=${id}`, name: "Acme Support App" } })),
    });
  }
  if (request.method === "POST" || request.method === "DELETE") {
    if (!appId) return sendJson(res, 400, metaError("(#200) Permissions error", 200));
    if (request.method === "POST") apps.add(appId);
    else apps.delete(appId);
    return sendJson(res, 200, { success: true });
  }
  sendJson(res, 400, { error: { message: "Unsupported request - method type", type: "GraphMethodException", code: 100 } });
}

function register(
  request: RecordedRequest,
  res: ServerResponse,
  options: FakeMetaAdminOptions & { tokens: Record<string, string[]> },
  state: FakeMetaAdminState,
  phoneNumberId: string,
  token: string,
): void {
  if (request.method !== "POST" || !options.tokens[token]!.includes(phoneNumberId)) return unknownObject(res, phoneNumberId, request.method);
  let body: { messaging_product?: string; pin?: string };
  try {
    body = JSON.parse(request.body) as typeof body;
  } catch {
    body = {};
  }
  if (body.messaging_product !== "whatsapp" || typeof body.pin !== "string") {
    return sendJson(res, 400, metaError("(#100) The parameter pin is required.", 100));
  }
  state.registerCalls.push({ phoneNumberId, pin: body.pin });
  if (state.registerCalls.filter((call) => call.phoneNumberId === phoneNumberId).length > REGISTER_LIMIT) {
    return sendJson(
      res,
      400,
      metaError("(#133016) Account register deregister rate limit exceeded", 133016, {
        error_data: {
          messaging_product: "whatsapp",
          details: "Rate limits for registration/deregistration requests have been exceeded. Please try again in 72 hours.",
        },
      }),
    );
  }
  if (options.pins?.[phoneNumberId] !== body.pin) {
    // UNCERTAIN (outbound.md §1.5): the PIN-mismatch code as third-party clients quote it.
    return sendJson(
      res,
      400,
      metaError("(#133005) Two step verification PIN Mismatch", 133005, {
        error_data: { messaging_product: "whatsapp", details: "Two step verification PIN incorrect." },
      }),
    );
  }
  sendJson(res, 200, { success: true });
}

function unknownObject(res: ServerResponse, id: string, method: string): void {
  const verb = method === "POST" ? "post" : method === "DELETE" ? "delete" : "get";
  sendJson(res, 400, {
    error: {
      message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
      fbtrace_id: trace(),
    },
  });
}
