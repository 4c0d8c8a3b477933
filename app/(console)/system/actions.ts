"use server";

import { action } from "@/lib/guard";
import { systemActions } from "@/lib/system/actions";

const actions = systemActions(action);

export async function createTenantAction(input: unknown) {
  return actions.createTenant(input);
}

export async function createUserAction(input: unknown) {
  return actions.createUser(input);
}

export async function updateUserAccessAction(input: unknown) {
  return actions.updateUserAccess(input);
}

export async function setUserDisabledAction(input: unknown) {
  return actions.setUserDisabled(input);
}

export async function resetUserPasswordAction(input: unknown) {
  return actions.resetUserPassword(input);
}
