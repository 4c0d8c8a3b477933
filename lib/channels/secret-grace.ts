import { decryptSecret, encryptSecret, type Keyring } from "@/lib/crypto/secrets";
import type { ChannelVariant } from "@/lib/validations/channels/variants";
import { DEFAULT_GRACE_PERIOD, GRACE_PERIOD_MS, type GracePeriod } from "./secret-grace-periods";
import { channelSecretContext } from "./secrets";

export { DEFAULT_GRACE_PERIOD, GRACE_PERIODS, type GracePeriod } from "./secret-grace-periods";

/*
 * The secret grace period (issue 17, improvement 5). When an administrator replaces the secret a
 * provider proves its webhook calls with, the replaced value stays accepted until a deadline they
 * choose, so the provider can be updated at their own pace. Only the last replaced value is kept,
 * encrypted like every secret but bound to its own context, so it can never be decrypted as (or
 * mistaken for) the current one. Everything here is pure: the save, the webhook path and the
 * admin's actions call it.
 */

/** The secret each variant's webhook calls are verified with; other-oAuth's bearer tokens belong to its API app. */
export const WEBHOOK_SECRET_FIELD = {
  infobip: "webhookPassword",
  "other-basic": "webhookPassword",
  "other-oAuth": null,
  "cloud-api": "appSecret",
  twilio: "authToken",
  telegram: "integrationToken",
} as const satisfies Record<ChannelVariant, string | null>;

export type WebhookSecretField = NonNullable<(typeof WEBHOOK_SECRET_FIELD)[ChannelVariant]>;

export function graceDeadline(now: Date, period: GracePeriod = DEFAULT_GRACE_PERIOD): Date {
  return new Date(now.getTime() + GRACE_PERIOD_MS[period]);
}

export function previousSecretContext(channelId: string, field: WebhookSecretField): string {
  return `${channelSecretContext(channelId, "previous")}:${field}`;
}

/** The stored columns (channels.previous_secret*): all three set, or all three null. */
export interface PreviousSecretColumns {
  previousSecretField: string | null;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
}

export const NO_PREVIOUS_SECRET: PreviousSecretColumns = { previousSecretField: null, previousSecret: null, previousSecretUntil: null };

/** A grace period still running at `now` (the deadline itself is already too late). */
export function isGraceRunning(until: Date | null, now: Date): until is Date {
  return until !== null && until.getTime() > now.getTime();
}

/**
 * What a save leaves in the previous-secret columns. `replaced` names the fields a typed value
 * replaced; `storedSecrets` are the channel's secrets as stored before the save. Undefined: leave
 * the columns as they are (the webhook secret was not replaced).
 */
export function previousSecretAfterSave(input: {
  keyring: Keyring;
  channelId: string;
  variant: ChannelVariant;
  replaced: readonly string[];
  storedSecrets: Record<string, string>;
  now: Date;
}): PreviousSecretColumns | undefined {
  const field = WEBHOOK_SECRET_FIELD[input.variant];
  if (field === null || !input.replaced.includes(field)) return undefined;
  const storedCiphertext = input.storedSecrets[field];
  // A first value (nothing stored before) has nothing to keep; an older grace is replaced by this one.
  if (!storedCiphertext) return NO_PREVIOUS_SECRET;
  const value = decryptSecret(input.keyring, storedCiphertext, channelSecretContext(input.channelId, field));
  return {
    previousSecretField: field,
    previousSecret: encryptSecret(input.keyring, value, previousSecretContext(input.channelId, field)),
    previousSecretUntil: graceDeadline(input.now),
  };
}

/** The previous secret in plain text, or null when there is none for this variant's field. */
export function decryptPreviousSecret(
  keyring: Keyring,
  channelId: string,
  variant: ChannelVariant,
  columns: PreviousSecretColumns,
): { value: string; until: Date } | null {
  const field = WEBHOOK_SECRET_FIELD[variant];
  if (field === null || columns.previousSecretField !== field || columns.previousSecret === null || columns.previousSecretUntil === null) return null;
  return { value: decryptSecret(keyring, columns.previousSecret, previousSecretContext(channelId, field)), until: columns.previousSecretUntil };
}

export type CredentialUsed = "current" | "previous";

/**
 * Which secret verifies a call: the current one first; only when it fails and the previous one's
 * grace is still running is the previous one tried. When both fail the current one's refusal is
 * answered (credential null), so a caller learns nothing about the previous secret. `check` does
 * the provider's own constant-time comparison.
 */
export function verifyWithGrace<R extends { ok: boolean }>(
  current: string | null,
  previous: { value: string; until: Date } | null,
  now: Date,
  check: (secret: string | null) => R,
): { result: R; credential: CredentialUsed | null } {
  const first = check(current);
  if (first.ok) return { result: first, credential: "current" };
  if (previous === null || !isGraceRunning(previous.until, now)) return { result: first, credential: null };
  const second = check(previous.value);
  return second.ok ? { result: second, credential: "previous" } : { result: first, credential: null };
}
