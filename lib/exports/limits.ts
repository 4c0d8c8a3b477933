import { z } from "zod";

/*
 * The fair-use limits of exports, per tenant. They are configuration (README, "Configuration"):
 * read from the environment once, and a value that is not a whole number in range stops the
 * console (and `npm run worker`) from starting, with one sentence saying which and why, rather
 * than surfacing as a 500 on someone's first export.
 */

export interface ExportLimits {
  /** Exports a tenant may start in any 24 hours. */
  perTenantPerDay: number;
  /** MB (1 MB = 1,048,576 bytes, as the Exports page counts) of unexpired files a tenant may keep. */
  storagePerTenantMb: number;
}

/*
 * 50 a day: five times the 10 a tenant may have waiting at once, far more than a support team
 * starts by hand (a few a day), yet it bounds a tenant's share of the worker: 50 of the largest
 * exports (100,000 channels, 5–8 s each in bench/README.md) are about 7 minutes of one worker.
 *
 * 250 MB: the largest export is a 12.4 MB xlsx (100,000 channels), so a tenant can keep 20 of
 * those for their 7 days, or hundreds of ordinary ones (a 4,500-channel xlsx is about 0.6 MB);
 * without it a tenant could keep 50 × 7 × 12.4 MB = 4.3 GB on the shared database.
 */
export const DEFAULT_EXPORT_LIMITS: ExportLimits = { perTenantPerDay: 50, storagePerTenantMb: 250 };

const MiB = 1024 * 1024;
export const storageLimitBytes = (limits: ExportLimits) => limits.storagePerTenantMb * MiB;

const SETTINGS = {
  EXPORTS_PER_TENANT_PER_DAY: { max: 100_000 },
  EXPORT_STORAGE_PER_TENANT_MB: { max: 1_048_576 },
} as const;

type SettingName = keyof typeof SETTINGS;

/** Unset or empty takes the default; anything else must be a whole number from 1 to `max`. */
const setting = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(max)).optional(),
  );

const envSchema = z.object({
  EXPORTS_PER_TENANT_PER_DAY: setting(SETTINGS.EXPORTS_PER_TENANT_PER_DAY.max),
  EXPORT_STORAGE_PER_TENANT_MB: setting(SETTINGS.EXPORT_STORAGE_PER_TENANT_MB.max),
});

export class ExportLimitsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportLimitsConfigError";
  }
}

export function parseExportLimits(env: Record<string, string | undefined>): ExportLimits {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const name = parsed.error.issues[0]!.path[0] as SettingName;
    const { max } = SETTINGS[name];
    throw new ExportLimitsConfigError(
      `${name} must be a whole number from 1 to ${max.toLocaleString("en")}, but it is "${env[name]}".`,
    );
  }
  return {
    perTenantPerDay: parsed.data.EXPORTS_PER_TENANT_PER_DAY ?? DEFAULT_EXPORT_LIMITS.perTenantPerDay,
    storagePerTenantMb: parsed.data.EXPORT_STORAGE_PER_TENANT_MB ?? DEFAULT_EXPORT_LIMITS.storagePerTenantMb,
  };
}

let fromEnv: ExportLimits | undefined;

/** The limits of this process's environment, parsed on first use; throws ExportLimitsConfigError. */
export function exportLimits(): ExportLimits {
  return (fromEnv ??= parseExportLimits(process.env));
}
