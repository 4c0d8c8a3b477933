import { z } from "zod";
import { uuidField } from "./fields";
import { SKILL_QUEUE_DESCRIPTION_MAX_LENGTH, SKILL_QUEUE_NAME_MAX_LENGTH } from "./skill-queue-limits";

export { SKILL_QUEUE_DESCRIPTION_MAX_LENGTH, SKILL_QUEUE_NAME_MAX_LENGTH } from "./skill-queue-limits";

export const skillQueueNameField = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(SKILL_QUEUE_NAME_MAX_LENGTH, "skillQueues.errors.nameTooLong");

export const skillQueueDescriptionField = z
  .string({ error: "invalid" })
  .trim()
  .max(SKILL_QUEUE_DESCRIPTION_MAX_LENGTH, "skillQueues.errors.descriptionTooLong")
  .default("");

export const createSkillQueueSchema = z.object({ name: skillQueueNameField, description: skillQueueDescriptionField });
export const updateSkillQueueSchema = z.object({
  skillQueueId: uuidField,
  name: skillQueueNameField,
  description: skillQueueDescriptionField,
});
export const skillQueueIdSchema = z.object({ skillQueueId: uuidField });

export type CreateSkillQueueInput = z.input<typeof createSkillQueueSchema>;
export type UpdateSkillQueueInput = z.input<typeof updateSkillQueueSchema>;
export type SkillQueueIdInput = z.input<typeof skillQueueIdSchema>;
