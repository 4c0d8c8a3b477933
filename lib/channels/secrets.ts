import { decryptSecret, encryptSecret, maskSecret, type Keyring } from "@/lib/crypto/secrets";
import { secretFieldsOf, secretKindOf, type ChannelVariant } from "@/lib/validations/channels/information";
import { generateIntegrationToken, integrationTokenKind } from "./integration";
import type { SecretMasks } from "./record";

/*
 * A channel's secrets at rest: one ciphertext per field, bound to `channel:<id>:<field>` so a
 * ciphertext copied to another channel or field does not decrypt. Masks are computed once, at save,
 * so pages never need to decrypt anything to show `••••3f9a`.
 */

export type ChannelSecretName = string;

export function channelSecretContext(channelId: string, field: ChannelSecretName | "integrationToken" | "scenarioKey"): string {
  return `channel:${channelId}:${field}`;
}

/**
 * The variant's secrets after a save: a typed value replaces, an empty one keeps what is stored
 * (when the variant still has that field), and fields the variant does not have are dropped.
 */
export function mergeSecrets(
  keyring: Keyring,
  channelId: string,
  variant: ChannelVariant,
  typed: Record<string, unknown>,
  stored: { secrets: Record<string, string>; masks: SecretMasks },
): { secrets: Record<string, string>; masks: SecretMasks; replaced: string[] } {
  const secrets: Record<string, string> = {};
  const masks: SecretMasks = {};
  const replaced: string[] = [];
  for (const field of secretFieldsOf(variant)) {
    const value = typed[field];
    if (typeof value === "string" && value.length > 0) {
      secrets[field] = encryptSecret(keyring, value, channelSecretContext(channelId, field));
      masks[field] = maskSecret(value, secretKindOf(field));
      replaced.push(field);
    } else if (stored.secrets[field]) {
      secrets[field] = stored.secrets[field];
      masks[field] = stored.masks[field] ?? maskSecret("");
    }
  }
  return { secrets, masks, replaced };
}

export function decryptChannelSecret(
  keyring: Keyring,
  channel: { id: string; secrets: Record<string, string> },
  field: ChannelSecretName,
): string | null {
  const ciphertext = channel.secrets[field];
  return ciphertext ? decryptSecret(keyring, ciphertext, channelSecretContext(channel.id, field)) : null;
}

/** A new channel's verify / secret token, encrypted; null for providers that present none. */
export function newIntegrationToken(keyring: Keyring, channelId: string, variant: ChannelVariant): string | null {
  return integrationTokenKind(variant) ? encryptSecret(keyring, generateIntegrationToken(), channelSecretContext(channelId, "integrationToken")) : null;
}
