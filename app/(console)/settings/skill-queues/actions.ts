"use server";

import { action } from "@/lib/guard";
import { skillQueueActions } from "@/lib/skill-queues/actions";

const actions = skillQueueActions(action);

export async function createSkillQueueAction(input: unknown) {
  return actions.createSkillQueue(input);
}

export async function updateSkillQueueAction(input: unknown) {
  return actions.updateSkillQueue(input);
}

export async function deleteSkillQueueAction(input: unknown) {
  return actions.deleteSkillQueue(input);
}
