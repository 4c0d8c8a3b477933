/*
 * Every field name that holds a secret somewhere in the console: channel credentials (the wizard's
 * secret fields, lib/validations/channels), sign-in and API-app credentials, HTTP headers that carry
 * them, and the process's own keys. pino blanks them before a line is serialised, at the top of a
 * log object and up to three levels down (fast-redact has no "any depth" wildcard, so the depths
 * are spelled out; log objects here are flat or one request deep).
 */

export const SECRET_KEYS = [
  // channel credentials
  "password",
  "webhookPassword",
  "accountKey",
  "accountkey",
  "authenticationKey",
  "appSecret",
  "accessToken",
  "authToken",
  "botToken",
  "secretToken",
  "verifyToken",
  "pin",
  // sign-in, API apps, OAuth
  "secret",
  "clientSecret",
  "client_secret",
  "token",
  "refreshToken",
  "access_token",
  "apiKey",
  "x-api-key",
  "key",
  "privateKey",
  "passphrase",
  // HTTP
  "authorization",
  "Authorization",
  "proxy-authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "x-hub-signature-256",
  "x-twilio-signature",
  "x-telegram-bot-api-secret-token",
  // the process's own keys
  "AUTH_SECRET",
  "SECRETS_KEY",
  "SECRETS_PREVIOUS_KEYS",
  "METRICS_TOKEN",
  "ADMIN_PASSWORD",
  "DEMO_PASSWORD",
  "DATABASE_URL",
] as const;

const DEPTHS = ["", "*", "*.*", "*.*.*"];

/** fast-redact's syntax: `a.b` for a plain identifier, `a["x-y"]` otherwise. */
function path(prefix: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${prefix}["${key}"]`;
  return prefix ? `${prefix}.${key}` : key;
}

export const REDACT_PATHS: string[] = DEPTHS.flatMap((prefix) => SECRET_KEYS.map((key) => path(prefix, key)));

export const REDACTED = "[redacted]";
