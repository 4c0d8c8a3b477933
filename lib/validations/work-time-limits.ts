/* Work-time limits without zod, for the wizard's editor in the first load (the schema is fetched to validate). */

export const MAX_SEGMENTS = 4;
export const MINUTES_PER_DAY = 24 * 60;
