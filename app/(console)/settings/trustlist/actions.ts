"use server";

import { action } from "@/lib/guard";
import { trustlistActions } from "@/lib/trustlist/actions";

const actions = trustlistActions(action);

export async function requestTrustlistPrefixAction(input: unknown) {
  return actions.request(input);
}

export async function withdrawTrustlistRequestAction(input: unknown) {
  return actions.withdraw(input);
}
