import { seedEachVariant, type SeededChannel, type SeedSecrets } from "./channel-helpers";

export type { SeededChannel, SeedSecrets };

/**
 * One channel of each variant in the Demo tenant, through the seed script (so every channel went
 * through the wizard's save action); `telegramApiBaseUrl` is where the script checks the bot token.
 */
export async function seedEachVariantWithBotApi(secrets: SeedSecrets, telegramApiBaseUrl: string): Promise<SeededChannel[]> {
  process.env.TELEGRAM_API_BASE_URL = telegramApiBaseUrl;
  try {
    return (await seedEachVariant(secrets)).channels;
  } finally {
    delete process.env.TELEGRAM_API_BASE_URL;
  }
}

/** The path of a webhook URL: the seed and the server may name the public host differently. */
export const pathOf = (url: string) => new URL(url).pathname;
