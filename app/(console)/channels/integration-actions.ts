"use server";

import { channelIntegrationActions } from "@/lib/channels/integration-actions";
import { action } from "@/lib/guard";

const actions = channelIntegrationActions(action);

export async function generateScenarioKeyAction(input: unknown) {
  return actions.generateScenarioKey(input);
}

export async function registerTelegramWebhookAction(input: unknown) {
  return actions.registerTelegramWebhook(input);
}
