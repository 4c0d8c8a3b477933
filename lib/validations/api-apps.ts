import { z } from "zod";
import { API_NAMES, canonicalApis } from "@/lib/api-apps/apis";
import { uuidField } from "./fields";

export const API_APP_NAME_MAX_LENGTH = 80;

export const apiAppNameField = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .max(API_APP_NAME_MAX_LENGTH, "apiApps.errors.nameTooLong");

/** A checkbox group: react-hook-form gives an array (or false when nothing was ever checked). */
export const apisField = z.preprocess(
  (value) => (value === false || value === undefined || value === null ? [] : typeof value === "string" ? [value] : value),
  z
    .array(z.enum(API_NAMES, { error: "apiApps.errors.unknownApi" }), { error: "apiApps.errors.apisRequired" })
    .min(1, "apiApps.errors.apisRequired")
    .transform(canonicalApis),
);

const tenantField = z.string({ error: "apiApps.errors.tenantRequired" }).min(1, "apiApps.errors.tenantRequired").pipe(uuidField);

export const createApiAppSchema = z.object({ name: apiAppNameField, tenantId: tenantField, apis: apisField });

export const updateApiAppSchema = z.object({ appId: uuidField, name: apiAppNameField, apis: apisField });

export const rotateApiAppSecretSchema = z.object({ appId: uuidField });

export const setApiAppDisabledSchema = z.object({ appId: uuidField, disabled: z.boolean() });

export const apiAppListFilterSchema = z.object({ tenantId: uuidField.optional().catch(undefined) });

export type CreateApiAppInput = z.input<typeof createApiAppSchema>;
export type UpdateApiAppInput = z.input<typeof updateApiAppSchema>;
