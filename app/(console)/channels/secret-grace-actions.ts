"use server";

import { action } from "@/lib/guard";
import { secretGraceActions } from "@/lib/channels/secret-grace-actions";

const actions = secretGraceActions(action);

export async function changeSecretGraceAction(input: unknown) {
  return actions.changeSecretGrace(input);
}

export async function regenerateSecretTokenAction(input: unknown) {
  return actions.regenerateSecretToken(input);
}
