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

// PostgreSQL's error codes are the database layer's to read; re-exported for the actions.
export { isDatabaseUnavailable, isForeignKeyViolation, isUniqueViolation } from "@/db/errors";
