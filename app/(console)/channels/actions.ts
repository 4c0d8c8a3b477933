"use server";

import { action } from "@/lib/guard";
import { channelActions, channelIntegrationActions } from "@/lib/channels/actions";
import { connectionCheckActions } from "@/lib/channels/connection-check/actions";
import { metaToolsActions } from "@/lib/channels/meta/actions";
import { telegramWebhookActions } from "@/lib/channels/telegram-webhook/actions";
import { testMessageActions } from "@/lib/outbound/send/actions";

const actions = channelActions(action);
const integrationActions = channelIntegrationActions(action);
const metaActions = metaToolsActions(action);
const telegramActions = telegramWebhookActions(action);

export async function saveChannelAction(input: unknown) {
  return actions.saveChannel(input);
}

export async function checkChannelStepAction(input: unknown) {
  return actions.checkChannelStep(input);
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

export async function setMetaSubscriptionAction(input: unknown) {
  return metaActions.setMetaSubscription(input);
}

export async function registerMetaNumberAction(input: unknown) {
  return metaActions.registerMetaNumber(input);
}

export async function checkMetaTokenAction(input: unknown) {
  return metaActions.checkMetaToken(input);
}

export async function removeTelegramWebhookAction(input: unknown) {
  return telegramActions.removeTelegramWebhook(input);
}

const checkActions = connectionCheckActions(action);

export async function checkConnectionAction(input: unknown) {
  return checkActions.checkConnection(input);
}

export async function checkConnectionsAction(input: unknown) {
  return checkActions.checkConnections(input);
}

const sendActions = testMessageActions(action);

export async function sendTestMessageAction(input: unknown) {
  return sendActions.sendTestMessage(input);
}
