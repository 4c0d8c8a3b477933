/**
 * Errors the console expects and can explain. `code` doubles as the message-catalog key
 * (`errors.<code>`), so the browser shows it in the reader's language; anything else is an
 * unexpected failure that is logged and answered generically.
 */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  validation: 400,
  conflict: 409,
  gone: 410,
  tooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Message-catalog key under `errors.`, e.g. "tenantNameTaken". */
    readonly code: string = kind,
    readonly fieldErrors?: Record<string, string[]>,
    /** Values the catalog message interpolates, e.g. how many channels matched. */
    readonly values?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export const notFound = (code = "notFound") => new AppError("notFound", code);
export const forbidden = (code = "forbidden") => new AppError("forbidden", code);
export const conflict = (code: string, field?: string) =>
  new AppError("conflict", code, field ? { [field]: [code] } : undefined);

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
