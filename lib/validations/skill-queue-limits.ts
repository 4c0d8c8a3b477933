/* Skill-queue field limits without zod, for the form's counter in the first load (the schema is fetched to validate). */

export const SKILL_QUEUE_NAME_MAX_LENGTH = 64;
export const SKILL_QUEUE_DESCRIPTION_MAX_LENGTH = 500;
