import { describe, expect, it } from "vitest";
import { apiAppListFilterSchema, createApiAppSchema, updateApiAppSchema } from "./api-apps";

const tenantId = "3f9a0000-0000-4000-8000-000000000001";

describe("createApiAppSchema", () => {
  it("trims the name and orders the APIs canonically without repeats", () => {
    expect(createApiAppSchema.parse({ name: "  Bridge ", tenantId, apis: ["file_download", "sendWhatsappMessage", "file_download"] })).toEqual({
      name: "Bridge",
      tenantId,
      apis: ["sendWhatsappMessage", "file_download"],
    });
  });

  it("reads a checkbox group that gave false or a single string", () => {
    const none = createApiAppSchema.safeParse({ name: "x", tenantId, apis: false });
    expect(none.success ? [] : none.error.issues.map((issue) => issue.message)).toEqual(["apiApps.errors.apisRequired"]);
    expect(createApiAppSchema.parse({ name: "x", tenantId, apis: "telegram_north" }).apis).toEqual(["telegram_north"]);
  });

  it("names the field of each problem", () => {
    const result = createApiAppSchema.safeParse({ name: "n".repeat(81), tenantId: "", apis: ["nope"] });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
    expect(byField).toEqual({ name: "apiApps.errors.nameTooLong", tenantId: "apiApps.errors.tenantRequired", "apis.0": "apiApps.errors.unknownApi" });
  });
});

describe("updateApiAppSchema", () => {
  it("needs a valid app id", () => {
    expect(updateApiAppSchema.safeParse({ appId: "x", name: "n", apis: ["file_download"] }).success).toBe(false);
  });
});

describe("apiAppListFilterSchema", () => {
  it("ignores a tenant filter that is not an id", () => {
    expect(apiAppListFilterSchema.parse({ tenantId: "'; drop" })).toEqual({ tenantId: undefined });
    expect(apiAppListFilterSchema.parse({ tenantId })).toEqual({ tenantId });
  });
});
