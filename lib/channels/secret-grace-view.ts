import { getDb } from "@/db";
import { getSecretGrace } from "@/db/queries/secret-grace";
import { getServiceTimeSettings } from "@/db/queries/service-time";
import { isGraceRunning, type WebhookSecretField } from "./secret-grace";

/*
 * What the secret grace notice shows: the name of the secret whose previous value is still
 * accepted, until when, and the tenant's time zone to say it in. Never the value.
 */

export interface SecretGraceView {
  field: WebhookSecretField;
  until: Date;
  timeZone: string;
}

const SECRET_NAMES: readonly string[] = ["webhookPassword", "appSecret", "authToken", "integrationToken"] satisfies WebhookSecretField[];

/** Null when no grace period is running on this tenant's channel (another tenant's channel id included). */
export async function loadSecretGrace(tenantId: string, channelId: string, now = new Date()): Promise<SecretGraceView | null> {
  const db = getDb();
  const scope = { tenantId };
  const [grace, settings] = await Promise.all([getSecretGrace(db, scope, channelId), getServiceTimeSettings(db, scope)]);
  if (!grace || grace.field === null || !SECRET_NAMES.includes(grace.field) || !isGraceRunning(grace.until, now)) return null;
  return { field: grace.field as WebhookSecretField, until: grace.until, timeZone: settings.timeZone };
}
