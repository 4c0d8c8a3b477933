import { z } from "zod";
import { deleteDraft, getChannelVersion, getDraft, NEW_CHANNEL_TARGET, upsertDraft } from "@/db/queries/channels";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { ALL_SECRET_FIELDS } from "@/lib/validations/channels/information";

/*
 * The wizard's unsaved work, kept on the server so a reload (or another tab) resumes it. A draft
 * is unfinished by nature, so it is not validated beyond its shape and size; it is validated when
 * it is saved as a channel. Secrets are removed before a draft is stored: they are typed again.
 */

export const DRAFT_MAX_BYTES = 64 * 1024;
export const WIZARD_STEPS = 3;

export const draftSchema = z.object({
  channelId: z.uuid({ error: "invalidId" }).optional(),
  /**
   * Edits: the channel version the edit started from. Kept with the draft, so an edit resumed
   * after someone else saved is still refused as stale instead of overwriting their change.
   */
  version: z.number().int().min(1).optional(),
  step: z.number().int().min(1).max(WIZARD_STEPS),
  data: z
    .object({ information: z.record(z.string(), z.unknown()).optional(), basic: z.unknown().optional(), robot: z.unknown().optional() })
    .refine((data) => JSON.stringify(data).length <= DRAFT_MAX_BYTES, "channels.errors.draftTooLarge"),
});

export const draftTargetSchema = z.object({ channelId: z.uuid({ error: "invalidId" }).optional() });

const SECRETS = new Set<string>(ALL_SECRET_FIELDS);

export function withoutSecrets(information: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!information) return information;
  return Object.fromEntries(Object.entries(information).filter(([field]) => !SECRETS.has(field)));
}

export async function saveDraft(input: z.output<typeof draftSchema>, ctx: TenantContext): Promise<void> {
  const scope = { tenantId: ctx.tenantId };
  let baseVersion: number | null = null;
  if (input.channelId) {
    const current = await getChannelVersion(ctx.db, scope, input.channelId);
    if (current === null) throw notFound("channels.errors.notFound");
    // Never newer than what is stored: a draft cannot claim a version nobody saved.
    baseVersion = Math.min(input.version ?? current, current);
  }
  const data = { ...input.data, information: withoutSecrets(input.data.information) };
  await upsertDraft(ctx.db, scope, { userId: ctx.user.id, target: input.channelId ?? NEW_CHANNEL_TARGET }, { step: input.step, data, baseVersion });
}

export async function discardDraft(input: z.output<typeof draftTargetSchema>, ctx: TenantContext): Promise<void> {
  await deleteDraft(ctx.db, { tenantId: ctx.tenantId }, { userId: ctx.user.id, target: input.channelId ?? NEW_CHANNEL_TARGET });
}

/** The signed-in user's draft for a new channel or for an edit of `channelId`, if any. */
export async function loadDraft(ctx: Pick<TenantContext, "db" | "tenantId" | "user">, channelId?: string) {
  return getDraft(ctx.db, { tenantId: ctx.tenantId }, { userId: ctx.user.id, target: channelId ?? NEW_CHANNEL_TARGET });
}

