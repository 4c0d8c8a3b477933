import type { createActionClient } from "@/lib/guard/actions";
import { generateScenarioKeySchema, registerTelegramWebhookSchema } from "@/lib/validations/channel-integration";
import { generateScenarioKey, registerTelegramWebhook } from "./integration-handlers";

/**
 * Channel Integration actions: tenant administrators only; support staff see the values masked.
 * The app binds these to the signed-in session; tests bind the same definitions to users they choose.
 */
export function channelIntegrationActions(client: ReturnType<typeof createActionClient>) {
  return {
    generateScenarioKey: client.tenant(generateScenarioKeySchema, ["tenant_admin"], generateScenarioKey),
    registerTelegramWebhook: client.tenant(registerTelegramWebhookSchema, ["tenant_admin"], registerTelegramWebhook),
  };
}
