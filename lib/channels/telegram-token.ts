import { TelegramApiError, verifyBotToken } from "@/lib/telegram/bot-api";

/**
 * A newly typed bot token is checked with the Bot API's getMe before it is stored, so a typo is
 * caught in the wizard rather than when the first customer writes. Answers a catalog key, or null.
 */
export async function checkBotToken(token: string): Promise<string | null> {
  try {
    await verifyBotToken(token);
    return null;
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error;
    return error.kind === "unreachable" ? "channels.errors.botApiUnreachable" : "channels.errors.botTokenRejected";
  }
}
