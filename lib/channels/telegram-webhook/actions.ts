import type { createActionClient } from "@/lib/guard/actions";
import { channelIdInput } from "@/lib/validations/ids";
import { removeTelegramWebhook } from "./manage";

/** Telegram webhook management beside "Register webhook" (channelIntegrationActions): tenant administrators only. */
export function telegramWebhookActions(client: ReturnType<typeof createActionClient>) {
  return {
    removeTelegramWebhook: client.tenant(channelIdInput, ["tenant_admin"], removeTelegramWebhook),
  };
}
