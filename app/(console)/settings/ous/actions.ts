"use server";

import { action } from "@/lib/guard";
import { ouActions } from "@/lib/ous/actions";

const actions = ouActions(action);

export async function createOuAction(input: unknown) {
  return actions.createOu(input);
}

export async function renameOuAction(input: unknown) {
  return actions.renameOu(input);
}

export async function moveOuAction(input: unknown) {
  return actions.moveOu(input);
}

export async function deleteOuAction(input: unknown) {
  return actions.deleteOu(input);
}

export async function listOuMoveTargetsAction(input: unknown) {
  return actions.listMoveTargets(input);
}
