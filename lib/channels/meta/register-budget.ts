/*
 * Meta allows 10 register requests per phone number in 72 hours; the 11th is refused with 133016
 * and the number is blocked for 72 hours (outbound.md §1.5). The console counts every attempt it
 * made and refuses locally once the budget is spent, so a typo cannot cost a 72-hour block.
 */

export const REGISTER_LIMIT = 10;
export const REGISTER_WINDOW_MS = 72 * 3_600_000;

export interface RegisterBudget {
  limit: number;
  used: number;
  left: number;
  /** When the oldest counted attempt leaves the window (a try comes back); null when none is counted. */
  nextFreeAt: Date | null;
}

export const registerWindowStart = (now: Date) => new Date(now.getTime() - REGISTER_WINDOW_MS);

export function registerBudget(attempts: { count: number; oldest: Date | null }): RegisterBudget {
  const used = Math.min(attempts.count, REGISTER_LIMIT);
  return {
    limit: REGISTER_LIMIT,
    used,
    left: REGISTER_LIMIT - used,
    nextFreeAt: attempts.oldest ? new Date(attempts.oldest.getTime() + REGISTER_WINDOW_MS) : null,
  };
}

/** Meta's two-step verification PIN: exactly six digits. */
export const REGISTER_PIN_PATTERN = /^\d{6}$/;
