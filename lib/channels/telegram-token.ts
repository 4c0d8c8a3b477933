import type { OutboundScope } from "@/lib/outbound/guarded-call";
import { TelegramApiError, verifyBotToken } from "@/lib/telegram/bot-api";

/**
 * A newly typed bot token is checked with the Bot API's getMe before it is stored, so a typo is
 * caught in the wizard rather than when the first customer writes. Answers a catalog key, or null.
 * The call is the channel's tenant's (`scope`): its outbound limits apply, and a limit refusal
 * (OutboundLimitError) is thrown as it is.
 */
export async function checkBotToken(token: string, scope: OutboundScope): Promise<string | null> {
  try {
    await verifyBotToken(token, { scope });
    return null;
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error;
    return error.kind === "unreachable" ? "channels.errors.botApiUnreachable" : "channels.errors.botTokenRejected";
  }
}
