import { z } from "zod";
import { classifyMetaError, type CloudApiSettings } from "@/lib/outbound/providers/cloud-api";
import { metaGraphBaseUrl } from "@/lib/outbound/providers/bases";
import { failed, malformed, parseRetryAfter, succeeded, type ProviderResult } from "@/lib/outbound/providers/result";
import { jsonOf, send, trimBase, type CallContext } from "@/lib/outbound/providers/transport";

/*
 * Meta's admin calls for a cloud-api channel (outbound.md §1.3–1.5): the WABA's subscribed apps,
 * number registration, and debug_token. Same connector, certificates and error classes as the
 * send client; `debug_token` carries `<APP_ID>|<APP_SECRET>` in its query, so URLs are never
 * logged (the connector logs host and port only) and every answer is redacted of both secrets.
 */

export interface MetaAdminSettings extends CloudApiSettings {
  appId: string;
  appSecret: string;
  wabaId?: string;
}

const NUMERIC_ID = /^\d{1,32}$/;
const base = (settings: CloudApiSettings) => trimBase(settings.graphBaseUrl ?? metaGraphBaseUrl());
const bearer = (settings: CloudApiSettings) => ({ authorization: `Bearer ${settings.accessToken}` });
const secretsOf = (settings: MetaAdminSettings) => [settings.accessToken, settings.appSecret, `${settings.appId}|${settings.appSecret}`];
const badId = <T>(what: string): ProviderResult<T> => failed({ kind: "not-found", retryable: false, status: 0, message: `the ${what} is not a number` });

async function graphCall<S extends z.ZodType>(
  settings: MetaAdminSettings,
  call: { method: "GET" | "POST" | "DELETE"; path: string; body?: unknown; auth?: boolean },
  schema: S,
  context: CallContext,
): Promise<ProviderResult<z.output<S>>> {
  const headers = {
    ...(call.auth === false ? {} : bearer(settings)),
    ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const sent = await send(
    { method: call.method, url: `${base(settings)}${call.path}`, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) },
    settings,
    context,
  );
  if (!sent.ok) return failed(sent.failure);
  const { response } = sent;
  const body = jsonOf(response);
  if (response.status !== 200) return failed(classifyMetaError(response.status, body, parseRetryAfter(response.headers["retry-after"]), secretsOf(settings)));
  const parsed = schema.safeParse(body);
  return parsed.success ? succeeded(parsed.data) : failed(malformed(response.status));
}

const subscribedAppsSchema = z.object({
  data: z.array(z.object({ whatsapp_business_api_data: z.object({ id: z.string(), name: z.string().optional() }).partial().optional() })),
});
const successSchema = z.object({ success: z.literal(true) });

export interface WabaSubscription {
  /** An entry names this channel's app id. */
  subscribed: boolean;
  /** Every app subscribed to the WABA, as Meta names them. */
  apps: { id: string; name?: string }[];
}

/** GET /{WABA_ID}/subscribed_apps: "subscribed" means an entry's whatsapp_business_api_data.id is our app id. */
export async function getWabaSubscription(settings: MetaAdminSettings, context: CallContext): Promise<ProviderResult<WabaSubscription>> {
  if (!settings.wabaId || !NUMERIC_ID.test(settings.wabaId)) return badId("WABA id");
  const result = await graphCall(settings, { method: "GET", path: `/${settings.wabaId}/subscribed_apps` }, subscribedAppsSchema, context);
  if (!result.ok) return result;
  const apps = result.value.data.flatMap((entry) => (entry.whatsapp_business_api_data?.id ? [{ id: entry.whatsapp_business_api_data.id, name: entry.whatsapp_business_api_data.name }] : []));
  return succeeded({ subscribed: apps.some((app) => app.id === settings.appId), apps });
}

/** POST (subscribe the token's app) or DELETE (unsubscribe it) on /{WABA_ID}/subscribed_apps. */
export async function setWabaSubscription(settings: MetaAdminSettings, subscribe: boolean, context: CallContext): Promise<ProviderResult<true>> {
  if (!settings.wabaId || !NUMERIC_ID.test(settings.wabaId)) return badId("WABA id");
  const result = await graphCall(settings, { method: subscribe ? "POST" : "DELETE", path: `/${settings.wabaId}/subscribed_apps` }, successSchema, context);
  return result.ok ? succeeded(true) : result;
}

/** POST /{PHONE_NUMBER_ID}/register with the number's two-step verification PIN. */
export async function registerNumber(settings: MetaAdminSettings, pin: string, context: CallContext): Promise<ProviderResult<true>> {
  if (!NUMERIC_ID.test(settings.phoneNumberId)) return badId("phone number id");
  const body = { messaging_product: "whatsapp", pin };
  const result = await graphCall(settings, { method: "POST", path: `/${settings.phoneNumberId}/register`, body }, successSchema, context);
  return result.ok ? succeeded(true) : result;
}

const debugTokenSchema = z.object({
  data: z.object({
    app_id: z.string().optional(),
    type: z.string().optional(),
    is_valid: z.boolean(),
    expires_at: z.number().optional(),
    data_access_expires_at: z.number().optional(),
    scopes: z.array(z.string()).optional(),
    error: z.object({ code: z.number().optional(), message: z.string().optional() }).partial().optional(),
  }),
});

export interface DebugTokenInfo {
  isValid: boolean;
  appId: string | null;
  type: string | null;
  /** null: never expires (Meta's 0). */
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  scopes: string[];
  error: { code?: string; message?: string } | null;
}

const fromUnix = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000) : null);

/**
 * GET /debug_token?input_token=<token>&access_token=<APP_ID>|<APP_SECRET>. A refused app secret is
 * Meta's error (190); an unknown or expired token is answered is_valid:false with data.error.
 */
export async function debugToken(settings: MetaAdminSettings, context: CallContext): Promise<ProviderResult<DebugTokenInfo>> {
  const query = new URLSearchParams({ input_token: settings.accessToken, access_token: `${settings.appId}|${settings.appSecret}` });
  const result = await graphCall(settings, { method: "GET", path: `/debug_token?${query}`, auth: false }, debugTokenSchema, context);
  if (!result.ok) return result;
  const { data } = result.value;
  const secrets = secretsOf(settings);
  const redactText = (text: string | undefined) => (text === undefined ? undefined : secrets.reduce((safe, secret) => safe.split(secret).join("<redacted>"), text).slice(0, 500));
  return succeeded({
    isValid: data.is_valid,
    appId: data.app_id ?? null,
    type: data.type ?? null,
    expiresAt: fromUnix(data.expires_at),
    dataAccessExpiresAt: fromUnix(data.data_access_expires_at),
    scopes: data.scopes ?? [],
    error: data.error ? { code: data.error.code === undefined ? undefined : String(data.error.code), message: redactText(data.error.message) } : null,
  });
}
