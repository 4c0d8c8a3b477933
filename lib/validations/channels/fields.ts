import { z } from "zod";

/*
 * Field rules shared by the Configure Channel wizard's step schemas. Messages are catalog keys
 * (`channels.validation.*`), so the browser and the server action show the same words.
 */

export const CHANNEL_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** ITU-T E.164: a plus, a non-zero country code digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
export const TWILIO_ACCOUNT_SID_PATTERN = /^AC[0-9a-fA-F]{32}$/;
export const TWILIO_AUTH_TOKEN_PATTERN = /^[0-9a-fA-F]{32}$/;
export const TELEGRAM_BOT_TOKEN_PATTERN = /^\d{5,20}:[A-Za-z0-9_-]{30,64}$/;
export const META_APP_SECRET_PATTERN = /^[0-9a-fA-F]{32}$/;
const NUMERIC_ID_PATTERN = /^\d{5,25}$/;

export const SECRET_MAX_LENGTH = 4096;
export const WEBHOOK_PASSWORD_MIN_LENGTH = 12;
export const WEBHOOK_PASSWORD_MAX_LENGTH = 256;

const v = (key: string) => `channels.validation.${key}`;

export const requiredText = (max: number) =>
  z
    .string({ error: v("required") })
    .trim()
    .min(1, v("required"))
    .max(max, v("tooLong"));

export const channelNameField = z
  .string({ error: v("required") })
  .trim()
  .min(1, { error: v("required"), abort: true })
  .max(64, { error: v("nameTooLong"), abort: true })
  .regex(CHANNEL_NAME_PATTERN, v("nameInvalid"));

export const e164Field = z
  .string({ error: v("required") })
  .trim()
  .min(1, { error: v("required"), abort: true })
  .regex(E164_PATTERN, v("phoneInvalid"));

export const numericIdField = z
  .string({ error: v("required") })
  .trim()
  .min(1, { error: v("required"), abort: true })
  .regex(NUMERIC_ID_PATTERN, v("numericIdInvalid"));

export const optionalNumericIdField = z
  .string()
  .trim()
  .refine((value) => value === "" || NUMERIC_ID_PATTERN.test(value), v("numericIdInvalid"));

/** A reference chosen from a list (OU, queue, certificate, app): a uuid or "choose one". */
export const referenceField = z
  .string({ error: v("chooseOne") })
  .min(1, { error: v("chooseOne"), abort: true })
  .pipe(z.uuid({ error: v("chooseOne") }));

export const optionalReferenceField = z.union([z.literal(""), z.uuid({ error: v("chooseOne") })]);

/**
 * A secret as typed. The empty string means "not typed": on a new channel a required secret must
 * be typed; when editing, an empty secret keeps the stored one (see requireSecrets). Secrets are
 * never trimmed: a space may be part of a password.
 */
export const secretField = z.string().max(SECRET_MAX_LENGTH, v("tooLong"));

/** https only, no credentials, query or fragment: a root the console appends API paths to. */
export function parseBaseUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" || url.username || url.password || url.search || url.hash) return null;
    return url;
  } catch {
    return null;
  }
}

export const baseUrlField = z
  .string({ error: v("required") })
  .trim()
  .min(1, { error: v("required"), abort: true })
  .max(2048, { error: v("tooLong"), abort: true })
  .refine((value) => parseBaseUrl(value) !== null, v("baseUrlInvalid"));

const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
// The URL parser drops a default port (":443"), so the explicit port is read from the text.
const IPV4_BASE_URL = new RegExp(String.raw`^https://${IPV4}:(\d{1,5})/?$`, "i");
const OAUTH_BASE_URL = /^https:\/\/[^/:@?#]+:(\d{1,5})\/apiaccess\/rest\/ccmessaging\/?$/i;

const validPort = (port: string | undefined) => port !== undefined && Number(port) >= 1 && Number(port) <= 65535;

/** Telegram's BaseUrl (the seed's rule): `https://<IPv4>:<port>`, nothing after the port. */
export function isIpv4BaseUrl(value: string): boolean {
  return parseBaseUrl(value) !== null && validPort(IPV4_BASE_URL.exec(value)?.[1]);
}

export const OAUTH_BASE_PATH = "/apiaccess/rest/ccmessaging";

/** The oAuth BSP's BaseUrl: `https://<host>:<port>/apiaccess/rest/ccmessaging` (host: IP or domain). */
export function isOAuthBaseUrl(value: string): boolean {
  return parseBaseUrl(value) !== null && validPort(OAUTH_BASE_URL.exec(value)?.[1]);
}

/** "never", or a calendar date `YYYY-MM-DD` (the Meta access token's expiry). */
export const tokenValidityField = z
  .string({ error: v("required") })
  .trim()
  .refine((value) => value === "never" || isCalendarDate(value), v("tokenValidityInvalid"));

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export { CHAT_LANGUAGES } from "./limits";
