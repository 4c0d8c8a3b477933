import type { createActionClient } from "@/lib/guard/actions";
import { createSkillQueueSchema, skillQueueIdSchema, updateSkillQueueSchema } from "@/lib/validations/skill-queues";
import { createSkillQueue, deleteSkillQueue, updateSkillQueue } from "./skill-queues";

/**
 * Skill queue actions: tenant administrators only; support staff read the list on the page.
 * The app binds these to the signed-in session; tests bind the same definitions to users they choose.
 */
export function skillQueueActions(client: ReturnType<typeof createActionClient>) {
  return {
    createSkillQueue: client.tenant(createSkillQueueSchema, ["tenant_admin"], createSkillQueue),
    updateSkillQueue: client.tenant(updateSkillQueueSchema, ["tenant_admin"], updateSkillQueue),
    deleteSkillQueue: client.tenant(skillQueueIdSchema, ["tenant_admin"], deleteSkillQueue),
  };
}
