import { z } from "zod";
import { uuidField } from "./fields";

export const OU_NAME_MAX_LENGTH = 64;

export const ouNameField = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(OU_NAME_MAX_LENGTH, "ous.errors.nameTooLong");

/** No parent = a top-level OU; "" is what the "top level" option of a select sends. */
const parentIdField = z.preprocess((v) => (v === "" || v === undefined ? null : v), uuidField.nullable());

export const createOuSchema = z.object({ name: ouNameField, parentId: parentIdField });
export const renameOuSchema = z.object({ ouId: uuidField, name: ouNameField });
export const moveOuSchema = z.object({ ouId: uuidField, parentId: parentIdField });
export const ouIdSchema = z.object({ ouId: uuidField });

export type CreateOuInput = z.input<typeof createOuSchema>;
export type RenameOuInput = z.input<typeof renameOuSchema>;
export type MoveOuInput = z.input<typeof moveOuSchema>;
export type OuIdInput = z.input<typeof ouIdSchema>;
