import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPORT_LIMITS, ExportLimitsConfigError, parseExportLimits, storageLimitBytes } from "./limits";

describe("the export limits from the environment", () => {
  it("takes the defaults when nothing (or nothing but spaces) is set", () => {
    expect(parseExportLimits({})).toEqual({ perTenantPerDay: 50, storagePerTenantMb: 250 });
    expect(parseExportLimits({ EXPORTS_PER_TENANT_PER_DAY: "", EXPORT_STORAGE_PER_TENANT_MB: "  " })).toEqual(DEFAULT_EXPORT_LIMITS);
  });

  it("reads whole numbers", () => {
    expect(parseExportLimits({ EXPORTS_PER_TENANT_PER_DAY: "200", EXPORT_STORAGE_PER_TENANT_MB: " 1024 " })).toEqual({
      perTenantPerDay: 200,
      storagePerTenantMb: 1024,
    });
    expect(storageLimitBytes({ perTenantPerDay: 1, storagePerTenantMb: 3 })).toBe(3 * 1024 * 1024);
  });

  it.each([
    ["EXPORTS_PER_TENANT_PER_DAY", "0", "1 to 100,000"],
    ["EXPORTS_PER_TENANT_PER_DAY", "-5", "1 to 100,000"],
    ["EXPORTS_PER_TENANT_PER_DAY", "2.5", "1 to 100,000"],
    ["EXPORTS_PER_TENANT_PER_DAY", "100001", "1 to 100,000"],
    ["EXPORT_STORAGE_PER_TENANT_MB", "250MB", "1 to 1,048,576"],
    ["EXPORT_STORAGE_PER_TENANT_MB", "lots", "1 to 1,048,576"],
  ])("refuses %s=%s in one sentence that names it and its range", (name, value, range) => {
    let error: unknown;
    try {
      parseExportLimits({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExportLimitsConfigError);
    expect((error as Error).message).toBe(`${name} must be a whole number from ${range}, but it is "${value}".`);
  });
});

describe("npm run worker with a bad limit", () => {
  it("refuses to start, in one sentence, before it touches the database", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", EXPORTS_PER_TENANT_PER_DAY: "fifty" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('[worker] cannot start: EXPORTS_PER_TENANT_PER_DAY must be a whole number from 1 to 100,000, but it is "fifty".');
  }, 30_000);
});
