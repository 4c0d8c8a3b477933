"use server";

import { action } from "@/lib/guard";
import { trustlistActions } from "@/lib/trustlist/actions";

const actions = trustlistActions(action);

export async function decideTrustlistRequestAction(input: unknown) {
  return actions.decide(input);
}

export async function revokeTrustlistPrefixAction(input: unknown) {
  return actions.revoke(input);
}
