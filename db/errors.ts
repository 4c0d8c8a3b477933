/*
 * Reading PostgreSQL's refusals: which constraint a write broke, and whether the database was
 * unreachable rather than refusing. lib/errors.ts re-exports these beside the console's AppError.
 */

/** PostgreSQL's unique_violation, raised by a unique index such as `tenants_name_lower_key`. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === "23505" && (!constraint || pgError.constraint === constraint);
}

// foreign_key_violation, and restrict_violation: PostgreSQL raises the latter, not 23503, when a
// row is deleted that an ON DELETE RESTRICT reference still points at.
const REFERENCE_VIOLATIONS = new Set(["23503", "23001"]);

/**
 * A write refused by a foreign key. On a DELETE it means a row elsewhere still references this
 * one (an OU's sub-OUs; a channel's OU, skill queue or certificate).
 */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return REFERENCE_VIOLATIONS.has(pgError?.code ?? "") && (!constraint || pgError.constraint === constraint);
}

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08006"]);

/** The database could not be reached (as opposed to refusing a query): answer 503, try later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: string; message?: string };
    if (code && UNAVAILABLE_CODES.has(code)) return true;
    if (message && /timeout exceeded when trying to connect|Connection terminated|not queryable|Client was closed/i.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
