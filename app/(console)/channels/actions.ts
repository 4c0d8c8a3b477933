"use server";

import { action } from "@/lib/guard";
import { channelActions } from "@/lib/channels/actions";

const actions = channelActions(action);

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
