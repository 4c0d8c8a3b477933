import { z } from "zod";

/*
 * Validation messages are message-catalog keys under `validation.`, so the same schema
 * produces translated errors in the browser (react-hook-form) and from server actions.
 */

export const emailField = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .min(1, "required")
  .max(254, "emailInvalid")
  .pipe(z.email({ error: "emailInvalid" }));

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A new password; the sign-in form only bounds length so old passwords keep working. */
export const newPasswordField = z
  .string({ error: "required" })
  .min(PASSWORD_MIN_LENGTH, "passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "passwordTooLong");

export const personNameField = z.string({ error: "required" }).trim().min(1, "required").max(100, "nameTooLong");

export const uuidField = z.uuid({ error: "invalidId" });
