import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createKeyring } from "@/lib/crypto/secrets";
import { localSecrets, readOrCreateKeyFile } from "./local-secrets";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "cc-secrets-"));

describe("readOrCreateKeyFile", () => {
  it("creates the file readable by its owner only, then returns the same value", () => {
    const file = path.join(tempDir(), "nested", "key");
    const first = readOrCreateKeyFile(file, () => "generated-value");
    expect(first).toBe("generated-value");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyFile(file, () => "other")).toBe("generated-value");
  });

  it("tightens a key file that others could read", () => {
    const file = path.join(tempDir(), "key");
    writeFileSync(file, "value\n");
    chmodSync(file, 0o644);
    expect(readOrCreateKeyFile(file, () => "unused")).toBe("value");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("localSecrets", () => {
  it("generates a usable 32-byte secrets key and an auth secret in the data folder", () => {
    const dir = tempDir();
    const secrets = localSecrets(dir, {});
    expect(() => createKeyring({ active: secrets.SECRETS_KEY })).not.toThrow();
    expect(secrets.AUTH_SECRET.length).toBeGreaterThanOrEqual(40);
    expect(readFileSync(path.join(dir, "secrets.key"), "utf8").trim()).toBe(secrets.SECRETS_KEY);
    expect(localSecrets(dir, {})).toEqual(secrets);
  });

  it("prefers keys from the environment", () => {
    const secrets = localSecrets(tempDir(), { AUTH_SECRET: "from-env", SECRETS_KEY: "key-from-env" });
    expect(secrets).toEqual({ AUTH_SECRET: "from-env", SECRETS_KEY: "key-from-env" });
  });
});
