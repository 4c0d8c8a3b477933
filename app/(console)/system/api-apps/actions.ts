"use server";

import { apiAppActions } from "@/lib/api-apps/actions";
import { action } from "@/lib/guard";

const actions = apiAppActions(action);

export async function createApiAppAction(input: unknown) {
  return actions.createApiApp(input);
}

export async function updateApiAppAction(input: unknown) {
  return actions.updateApiApp(input);
}

export async function rotateApiAppSecretAction(input: unknown) {
  return actions.rotateApiAppSecret(input);
}

export async function setApiAppDisabledAction(input: unknown) {
  return actions.setApiAppDisabled(input);
}
