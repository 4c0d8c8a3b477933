import { z } from "zod";
import { ROLES, TENANT_ROLES } from "@/lib/auth/roles";
import { emailField, newPasswordField, personNameField, uuidField } from "./fields";

export const tenantNameField = z
  .string({ error: "required" })
  .trim()
  .min(2, "tenantNameTooShort")
  .max(80, "tenantNameTooLong");

export const createTenantSchema = z.object({ name: tenantNameField });

/** Tenant users need a tenant; system administrators must not have one. */
function tenantMatchesRole<T extends { role: (typeof ROLES)[number]; tenantId?: string | null }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.role !== "system_admin" && !value.tenantId) {
    ctx.addIssue({ code: "custom", path: ["tenantId"], message: "tenantRequired" });
  }
}

const roleField = z.enum(ROLES, { error: "required" });
const optionalTenantId = z.preprocess((v) => (v === "" ? null : v), uuidField.nullable().optional());

export const createUserSchema = z
  .object({
    email: emailField,
    name: personNameField,
    role: roleField,
    tenantId: optionalTenantId,
    password: newPasswordField,
  })
  .superRefine(tenantMatchesRole);

export const updateUserAccessSchema = z
  .object({ userId: uuidField, role: roleField, tenantId: optionalTenantId })
  .superRefine(tenantMatchesRole);

export const setUserDisabledSchema = z.object({ userId: uuidField, disabled: z.boolean() });

export const resetPasswordSchema = z.object({ userId: uuidField, password: newPasswordField });

export const userListFilterSchema = z.object({ tenantId: uuidField.optional().catch(undefined) });

export type CreateTenantInput = z.input<typeof createTenantSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserAccessInput = z.input<typeof updateUserAccessSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
export { TENANT_ROLES };
