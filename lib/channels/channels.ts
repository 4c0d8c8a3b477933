import { randomUUID } from "node:crypto";
import { findApiAppCredentials } from "@/db/queries/api-apps";
import { recordAudit } from "@/db/queries/audit-log";
import { certificateBelongsToTenant } from "@/db/queries/certificates";
import {
  deleteDraft,
  existingSkillQueueIds,
  getChannel,
  insertChannel,
  NEW_CHANNEL_TARGET,
  updateChannel,
  type ChannelRow,
} from "@/db/queries/channels";
import { ouBelongsToTenant } from "@/db/queries/ous";
import { setPreviousSecret } from "@/db/queries/secret-grace";
import { listApprovedPrefixes } from "@/db/queries/trustlist";
import type { DbOrTx } from "@/db/client";
import { credentialMatches } from "@/lib/api-apps/credentials";
import type { ApiName } from "@/lib/api-apps/apis";
import { getKeyring } from "@/lib/crypto/keyring";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { outboundScope } from "@/lib/outbound/scope";
import { parseInformation, type SaveChannelEnvelope } from "@/lib/validations/channels/channel";
import { variantOf, type ChannelInformation, type ChannelVariant } from "@/lib/validations/channels/information";
import { channelAuditChange, channelAuditView } from "./audit-view";
import { generateWebhookKey } from "./integration";
import { rowValues, secretMasksOf, variantOfRow } from "./record";
import { previousSecretAfterSave } from "./secret-grace";
import { mergeSecrets, newIntegrationToken } from "./secrets";
import { checkBotToken } from "./telegram-token";

/*
 * "The next step" on step 3: create or update a channel. Every rule of the wizard is enforced
 * here again, because a server action is a public endpoint: step schemas, references that must
 * belong to the tenant, the API app's credentials, the trustlist, one WhatsApp number per channel
 * in the whole installation, a unique name per tenant, and the optimistic lock on edits.
 */

type FieldErrors = Record<string, string[]>;

const e = (key: string) => `channels.errors.${key}`;
const channelNotFound = () => notFound(e("notFound"));

/** The API an app must subscribe to before a channel may use its credentials (seed 000 / 004). */
const REQUIRED_API: Partial<Record<ChannelVariant, ApiName>> = {
  "other-oAuth": "sendWhatsappMessage",
  telegram: "telegram_north",
};

/** Where the app key and app secret are typed, per variant. */
const APP_FIELDS: Partial<Record<ChannelVariant, { key: string; secret: string }>> = {
  "other-oAuth": { key: "userName", secret: "password" },
  telegram: { key: "appKey", secret: "appSecret" },
};

export interface SavedChannel {
  id: string;
  version: number;
}

export async function saveChannel(input: SaveChannelEnvelope, ctx: TenantContext): Promise<SavedChannel> {
  const scope = { tenantId: ctx.tenantId };
  const existing = input.channelId ? await getChannel(ctx.db, scope, input.channelId) : null;
  if (input.channelId && !existing) throw channelNotFound();
  if (existing && existing.version !== input.version) throw stale();

  const information = await parseInformationFor(ctx.db, input.information, existing);
  const variant = variantOf(information);
  const errors: FieldErrors = {};
  if (existing && variantOfRow(existing) !== variant) addError(errors, "information.provider", e("providerFixed"));

  await checkReferences(ctx.db, scope, input, information, errors);
  const apiAppId = await checkApiApp(ctx.db, scope, variant, information, existing, errors);
  if ("botToken" in information && information.botToken) {
    const problem = await checkBotToken(information.botToken, outboundScope(ctx.db, ctx.tenantId));
    if (problem) addError(errors, "information.botToken", problem);
  }
  if (Object.keys(errors).length > 0) throw new AppError("validation", "validation", errors);

  const keyring = getKeyring();
  const id = existing?.id ?? randomUUID();
  const stored = existing ? { secrets: existing.secrets, masks: secretMasksOf(existing) } : { secrets: {}, masks: {} };
  const { secrets, masks, replaced } = mergeSecrets(keyring, id, variant, information, stored);
  const values = rowValues({ id, information, basic: input.basic, robot: input.robot, secrets, masks, apiAppId });
  const transferQueueIds = input.basic.sessionTransfer.enabled ? input.basic.sessionTransfer.targetSkillQueueIds : [];

  try {
    return await ctx.db.transaction(async (tx) => {
      let version: number;
      if (existing) {
        const updated = await updateChannel(tx, scope, id, existing.version, values, transferQueueIds);
        if (updated === null) throw stale();
        version = updated;
        // A replaced webhook secret stays accepted for a grace period (lib/channels/secret-grace.ts).
        const previous = previousSecretAfterSave({ keyring, channelId: id, variant, replaced, storedSecrets: existing.secrets, now: new Date() });
        if (previous) await setPreviousSecret(tx, scope, id, previous);
      } else {
        const integrationToken = newIntegrationToken(keyring, id, variant);
        await insertChannel(tx, scope, { ...values, webhookKey: generateWebhookKey(), integrationToken, createdByUserId: ctx.user.id }, transferQueueIds);
        version = 1;
      }
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: existing ? "channel.update" : "channel.create",
        targetType: "channel",
        targetId: id,
        ...channelAuditChange(existing ? channelAuditView(existing, existing.transferQueueIds) : null, channelAuditView(values, transferQueueIds), replaced),
      });
      await deleteDraft(tx, scope, { userId: ctx.user.id, target: existing ? id : NEW_CHANNEL_TARGET });
      return { id, version };
    });
  } catch (error) {
    throw translateConstraint(error);
  }
}

async function parseInformationFor(db: DbOrTx, raw: Record<string, unknown>, existing: ChannelRow | null): Promise<ChannelInformation> {
  const keptSecrets = existing ? keptSecretsFor(existing, raw) : [];
  const parsed = parseInformation(raw, {
    keptSecrets,
    approvedPrefixes: await listApprovedPrefixes(db),
    storedTokenValidity: existing?.settings.tokenValidity,
  });
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) addError(errors, ["information", ...issue.path].join("."), issue.message);
  throw new AppError("validation", "validation", errors);
}

/**
 * Stored secrets an empty field keeps. An app secret is kept only with the same app key: a secret
 * proven for one app must not silently pass for another.
 */
function keptSecretsFor(existing: ChannelRow, raw: Record<string, unknown>): string[] {
  const kept = Object.keys(existing.secrets);
  const app = APP_FIELDS[variantOfRow(existing)];
  if (app && raw[app.key] !== existing.settings[app.key]) return kept.filter((field) => field !== app.secret);
  return kept;
}

async function checkReferences(
  db: DbOrTx,
  scope: { tenantId: string },
  input: SaveChannelEnvelope,
  info: ChannelInformation,
  errors: FieldErrors,
): Promise<void> {
  const { basic } = input;
  if (!(await ouBelongsToTenant(db, scope, basic.ouId))) addError(errors, "basic.ouId", e("ouNotFound"));

  const queueIds = [
    basic.skillQueueId,
    ...(basic.noAgentReply.enabled ? [basic.noAgentReply.targetSkillQueueId] : []),
    ...(basic.sessionTransfer.enabled ? basic.sessionTransfer.targetSkillQueueIds : []),
  ];
  const queues = await existingSkillQueueIds(db, scope, queueIds);
  if (!queues.has(basic.skillQueueId)) addError(errors, "basic.skillQueueId", e("skillQueueNotFound"));
  if (basic.noAgentReply.enabled && !queues.has(basic.noAgentReply.targetSkillQueueId)) {
    addError(errors, "basic.noAgentReply.targetSkillQueueId", e("skillQueueNotFound"));
  }
  if (basic.sessionTransfer.enabled && basic.sessionTransfer.targetSkillQueueIds.some((id) => !queues.has(id))) {
    addError(errors, "basic.sessionTransfer.targetSkillQueueIds", e("skillQueueNotFound"));
  }

  if ("trustCertificateId" in info && !(await certificateBelongsToTenant(db, scope, info.trustCertificateId, "trust"))) {
    addError(errors, "information.trustCertificateId", e("trustCertificateNotFound"));
  }
  if ("identityCertificateId" in info && info.identityCertificateId) {
    if (!(await certificateBelongsToTenant(db, scope, info.identityCertificateId, "identity"))) {
      addError(errors, "information.identityCertificateId", e("identityCertificateNotFound"));
    }
  }
}

/**
 * oAuth and Telegram channels authenticate with an API app of this tenant: the app key must name
 * an enabled app of the tenant subscribed to the right API, and a typed secret must be its secret.
 * Another tenant's app key answers exactly like an unknown one.
 */
async function checkApiApp(
  db: DbOrTx,
  scope: { tenantId: string },
  variant: ChannelVariant,
  info: ChannelInformation,
  existing: ChannelRow | null,
  errors: FieldErrors,
): Promise<string | null> {
  const fields = APP_FIELDS[variant];
  const api = REQUIRED_API[variant];
  if (!fields || !api) return null;
  const values = info as Record<string, unknown>;
  const appKey = String(values[fields.key]);
  const app = await findApiAppCredentials(db, appKey);
  if (!app || app.tenantId !== scope.tenantId) {
    addError(errors, `information.${fields.key}`, e("apiAppNotFound"));
    return null;
  }
  if (app.disabledAt) addError(errors, `information.${fields.key}`, e("apiAppDisabled"));
  else if (!app.apis.includes(api)) addError(errors, `information.${fields.key}`, e("apiAppNotSubscribed"));
  const secret = values[fields.secret];
  if (typeof secret === "string" && secret.length > 0) {
    if (!credentialMatches(secret, app.secretHash)) addError(errors, `information.${fields.secret}`, e("apiAppSecretMismatch"));
  } else if (existing && existing.apiAppId !== app.id) {
    addError(errors, `information.${fields.secret}`, "channels.validation.required");
  }
  return app.id;
}

function translateConstraint(error: unknown): unknown {
  if (isUniqueViolation(error, "channels_name_key")) {
    return new AppError("conflict", e("nameTaken"), { "basic.name": [e("nameTaken")] });
  }
  if (isUniqueViolation(error, "channels_whatsapp_number_key")) {
    return new AppError("conflict", e("numberInUse"), { "information.phoneNumber": [e("numberInUse")] });
  }
  return error;
}

const stale = () => new AppError("conflict", e("staleVersion"));

function addError(errors: FieldErrors, field: string, key: string): void {
  (errors[field] ??= []).push(key);
}
