import "server-only";
import type { Channel } from "@/db/schema";
import { decryptSecret, type Keyring } from "@/lib/crypto/secrets";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { publicBaseUrl, webhookUrls, type IntegrationUrl } from "./integration";
import { variantOfRow } from "./record";
import { channelSecretContext } from "./secrets";

/*
 * The Channel Integration values as a page shows them. Tenant administrators get the verify /
 * secret token and the scenario key in plain text (they must paste them somewhere); support staff
 * get masks, and nothing is decrypted for them.
 */

export const MASKED_VALUE = "••••";

export type IntegrationSource = Pick<
  Channel,
  "id" | "provider" | "verificationMethod" | "webhookKey" | "integrationToken" | "scenarioKey" | "secrets"
>;

export interface IntegrationView {
  variant: ChannelVariant;
  urls: IntegrationUrl[];
  /** Plain for administrators; null (shown masked) for support staff or when there is none. */
  token: string | null;
  /** null: no key yet. */
  scenarioKey: string | null;
  hasBotToken: boolean;
  /** The public base URL when it is not https (providers will refuse it), else null. */
  insecureBaseUrl: string | null;
}

export function integrationViewOf(
  channel: IntegrationSource,
  options: { reveal: boolean; keyring: Keyring; env?: NodeJS.ProcessEnv },
): IntegrationView {
  const variant = variantOfRow(channel);
  const base = publicBaseUrl(options.env);
  const decrypt = (ciphertext: string, field: "integrationToken" | "scenarioKey") =>
    decryptSecret(options.keyring, ciphertext, channelSecretContext(channel.id, field));
  return {
    variant,
    urls: webhookUrls(variant, base, channel.webhookKey),
    token: options.reveal && channel.integrationToken ? decrypt(channel.integrationToken, "integrationToken") : null,
    scenarioKey: channel.scenarioKey === null ? null : options.reveal ? decrypt(channel.scenarioKey, "scenarioKey") : MASKED_VALUE,
    hasBotToken: Boolean(channel.secrets.botToken),
    insecureBaseUrl: base.startsWith("https://") ? null : base,
  };
}
