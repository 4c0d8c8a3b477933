import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isTenantRole } from "@/lib/auth/roles";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/seed/prerequisites";
import { randomPhoneNumber, saveSeedChannel, variantInput, variantSlug, type ChannelEnvelopeInput, type SeedSecrets } from "@/testing/seed/variants";
import type { TenantContext, TenantUser } from "@/lib/guard/guard";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { uniqueSuffix } from "./fixtures";

export { ensureChannelPrerequisites, variantInput, type ChannelEnvelopeInput, type ChannelPrerequisites, type SeedSecrets };

export interface TestChannelOverrides {
  name?: string;
  phoneNumber?: string;
  secrets?: SeedSecrets;
  /** Reuse prerequisites (saves a transaction, and keeps the API app secret of an earlier call). */
  prerequisites?: ChannelPrerequisites;
  /** Shallow-merged over each step of the generated envelope. */
  information?: Record<string, unknown>;
  basic?: Partial<ChannelEnvelopeInput["basic"]>;
  robot?: Record<string, unknown>;
}

export interface TestChannel {
  id: string;
  version: number;
  name: string;
  variant: ChannelVariant;
  /** null for oAuth and Telegram channels, which have no number. */
  phoneNumber: string | null;
  prerequisites: ChannelPrerequisites;
  /** The envelope that was saved (secrets included), e.g. to build an edit from. */
  input: ChannelEnvelopeInput;
}

/** The tenant context a tenant user's actions run with. */
export function tenantContext(db: Db, actor: CurrentUser): TenantContext {
  if (!isTenantRole(actor.role) || !actor.tenantId) throw new Error(`${actor.email} is not a tenant user`);
  return { user: actor as TenantUser, tenantId: actor.tenantId, db };
}

/**
 * A valid channel of `variant`, saved through saveChannel (every rule applies) by `actor`, with the
 * prerequisites created when missing. Telegram channels get no bot token (that would call the Bot
 * API). Note that saveChannel also discards the actor's new-channel wizard draft.
 */
export async function createTestChannel(
  db: Db,
  actor: CurrentUser,
  variant: ChannelVariant,
  overrides: TestChannelOverrides = {},
): Promise<TestChannel> {
  const ctx = tenantContext(db, actor);
  const prerequisites = overrides.prerequisites ?? (await ensureChannelPrerequisites(db, ctx.tenantId, { actorUserId: actor.id }));
  const name = overrides.name ?? `ch_${variantSlug(variant)}_${uniqueSuffix()}`;
  const phoneNumber = overrides.phoneNumber ?? randomPhoneNumber();
  const base = variantInput(variant, prerequisites, { name, phoneNumber, secrets: overrides.secrets });
  const input: ChannelEnvelopeInput = {
    ...base,
    information: { ...base.information, ...overrides.information },
    basic: { ...base.basic, ...overrides.basic },
    robot: { ...(base.robot as Record<string, unknown>), ...overrides.robot },
  };
  const saved = await saveSeedChannel(input, ctx);
  const number = input.information.phoneNumber;
  return {
    ...saved,
    name: input.basic.name,
    variant,
    phoneNumber: typeof number === "string" ? number : null,
    prerequisites,
    input,
  };
}
