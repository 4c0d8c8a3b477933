/*
 * Limits and option lists of the channel wizard's fields, without zod: the wizard's client code
 * shows them in its first load, while the schemas that enforce them are fetched only to validate.
 */

export const MAX_TRANSFER_KEYWORDS = 20;
export const KEYWORD_MAX_LENGTH = 64;
export const TIMER_MIN_MINUTES = 1;
export const TIMER_MAX_MINUTES = 1440;
export const MESSAGE_MAX_LENGTH = 1000;
export const MAX_TRANSFER_QUEUES = 50;

export const CHAT_LANGUAGES = ["en", "de", "zh", "ru", "es", "pt", "fr", "ar", "id", "tr"] as const;
