"use server";

import { action } from "@/lib/guard";
import { channelActions, channelIntegrationActions } from "@/lib/channels/actions";

const actions = channelActions(action);
const integrationActions = channelIntegrationActions(action);

export async function saveChannelAction(input: unknown) {
  return actions.saveChannel(input);
}

export async function saveChannelDraftAction(input: unknown) {
  return actions.saveChannelDraft(input);
}

export async function discardChannelDraftAction(input: unknown) {
  return actions.discardChannelDraft(input);
}

export async function setChannelEnabledAction(input: unknown) {
  return actions.setChannelEnabled(input);
}

export async function deleteChannelAction(input: unknown) {
  return actions.deleteChannel(input);
}

export async function generateScenarioKeyAction(input: unknown) {
  return integrationActions.generateScenarioKey(input);
}

export async function registerTelegramWebhookAction(input: unknown) {
  return integrationActions.registerTelegramWebhook(input);
}
