import { TEST_CA_FILE } from "../testing/test-ca";
import { seedEachVariant, type SeededChannel, type SeedSecrets } from "./channel-helpers";

export type { SeededChannel, SeedSecrets };

/**
 * One channel of each variant in the Demo tenant, through the seed script (so every channel went
 * through the wizard's save action); `telegramApiBaseUrl` is where the script checks the bot token:
 * the fake Bot API, whose certificate the script trusts through OUTBOUND_EXTRA_CA_FILE and whose
 * prefix must already be approved on the trustlist (e2e/trustlist-helpers.ts).
 */
export async function seedEachVariantWithBotApi(secrets: SeedSecrets, telegramApiBaseUrl: string): Promise<SeededChannel[]> {
  process.env.TELEGRAM_API_BASE_URL = telegramApiBaseUrl;
  process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
  try {
    return (await seedEachVariant(secrets)).channels;
  } finally {
    delete process.env.TELEGRAM_API_BASE_URL;
    delete process.env.OUTBOUND_EXTRA_CA_FILE;
  }
}

/** The path of a webhook URL: the seed and the server may name the public host differently. */
export const pathOf = (url: string) => new URL(url).pathname;
