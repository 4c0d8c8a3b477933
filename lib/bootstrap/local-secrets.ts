import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateKey } from "@/lib/crypto/secrets";

/**
 * Reads a key file, creating it on first use, readable by its owner only. Used by the embedded
 * default, where there is no operator to set environment variables.
 */
export function readOrCreateKeyFile(file: string, generate: () => string): string {
  if (existsSync(file)) {
    // A key file that others can read is tightened rather than trusted as is.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return readFileSync(file, "utf8").trim();
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const value = generate();
  writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  return value;
}

export interface LocalSecrets {
  AUTH_SECRET: string;
  SECRETS_KEY: string;
}

/** Environment variables win; otherwise keys live in the data folder beside the database. */
export function localSecrets(dataDir: string, env: Record<string, string | undefined>): LocalSecrets {
  return {
    AUTH_SECRET: env.AUTH_SECRET || readOrCreateKeyFile(path.join(dataDir, "auth-secret"), () => randomBytes(32).toString("base64url")),
    SECRETS_KEY: env.SECRETS_KEY || readOrCreateKeyFile(path.join(dataDir, "secrets.key"), generateKey),
  };
}
