// foreign_key_violation (a NO ACTION reference) and restrict_violation: PostgreSQL raises the latter,
// not 23503, when a row is deleted that an ON DELETE RESTRICT reference still points at.
const REFERENCE_VIOLATIONS = new Set(["23503", "23001"]);

/**
 * A write refused by a foreign key. On a DELETE it means a row elsewhere still references this one
 * (an OU's sub-OUs; a channel's OU or skill queue).
 */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return REFERENCE_VIOLATIONS.has(pgError?.code ?? "") && (!constraint || pgError.constraint === constraint);
}
