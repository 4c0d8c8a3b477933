import { describe, expect, it, vi } from "vitest";
import { createKeyring, decryptSecret, encryptSecret, generateKey } from "@/lib/crypto/secrets";
import {
  decryptPreviousSecret,
  graceDeadline,
  isGraceRunning,
  NO_PREVIOUS_SECRET,
  previousSecretAfterSave,
  previousSecretContext,
  verifyWithGrace,
} from "./secret-grace";
import { channelSecretContext } from "./secrets";

const keyring = createKeyring({ active: generateKey() });
const CHANNEL = "6f1c2f4e-8a51-4d2b-9f3e-1c1b2d3e4f50";
const NOW = new Date("2026-12-05T12:00:00Z");
const HOUR = 3600_000;

const check = (presented: string) => (secret: string | null) =>
  secret !== null && secret === presented ? ({ ok: true } as const) : ({ ok: false, reason: secret === null ? "secretNotConfigured" : "credentialsMismatch" } as const);

describe("verifyWithGrace", () => {
  const previous = { value: "old", until: new Date(NOW.getTime() + HOUR) };

  it("uses the current secret first, and never tries the previous one when it matches", () => {
    const spy = vi.fn(check("new"));
    expect(verifyWithGrace("new", previous, NOW, spy)).toEqual({ result: { ok: true }, credential: "current" });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("accepts the previous secret while its grace period runs", () => {
    expect(verifyWithGrace("new", previous, NOW, check("old"))).toEqual({ result: { ok: true }, credential: "previous" });
  });

  it("refuses the previous secret at and after its deadline, and without one", () => {
    expect(verifyWithGrace("new", previous, previous.until, check("old")).credential).toBeNull();
    expect(verifyWithGrace("new", previous, new Date(previous.until.getTime() + 1), check("old")).result.ok).toBe(false);
    expect(verifyWithGrace("new", null, NOW, check("old")).result.ok).toBe(false);
  });

  it("answers the current secret's refusal when both fail, saying nothing of the previous one", () => {
    const verdict = verifyWithGrace("new", previous, NOW, check("forged"));
    expect(verdict).toEqual({ result: { ok: false, reason: "credentialsMismatch" }, credential: null });
  });
});

describe("grace deadlines", () => {
  it("defaults to 24 hours and offers 1 hour and 7 days", () => {
    expect(graceDeadline(NOW).getTime() - NOW.getTime()).toBe(24 * HOUR);
    expect(graceDeadline(NOW, "1h").getTime() - NOW.getTime()).toBe(HOUR);
    expect(graceDeadline(NOW, "7d").getTime() - NOW.getTime()).toBe(7 * 24 * HOUR);
  });

  it("runs strictly before its deadline", () => {
    expect(isGraceRunning(new Date(NOW.getTime() + 1), NOW)).toBe(true);
    expect(isGraceRunning(NOW, NOW)).toBe(false);
    expect(isGraceRunning(null, NOW)).toBe(false);
  });
});

describe("previousSecretAfterSave", () => {
  const stored = { appSecret: encryptSecret(keyring, "old-secret", channelSecretContext(CHANNEL, "appSecret")), accessToken: "x" };
  const save = (variant: "cloud-api" | "other-oAuth" | "telegram", replaced: string[], storedSecrets: Record<string, string> = stored) =>
    previousSecretAfterSave({ keyring, channelId: CHANNEL, variant, replaced, storedSecrets, now: NOW });

  it("keeps the replaced webhook secret, re-encrypted under its own context, for 24 hours", () => {
    const columns = save("cloud-api", ["appSecret", "accessToken"])!;
    expect(columns.previousSecretField).toBe("appSecret");
    expect(columns.previousSecretUntil).toEqual(new Date(NOW.getTime() + 24 * HOUR));
    expect(columns.previousSecret).not.toContain("old-secret");
    // Bound to the previous-secret context: it does not decrypt as the current App Secret.
    expect(() => decryptSecret(keyring, columns.previousSecret!, channelSecretContext(CHANNEL, "appSecret"))).toThrow();
    expect(decryptSecret(keyring, columns.previousSecret!, previousSecretContext(CHANNEL, "appSecret"))).toBe("old-secret");
    expect(decryptPreviousSecret(keyring, CHANNEL, "cloud-api", columns)).toEqual({ value: "old-secret", until: columns.previousSecretUntil });
  });

  it("leaves the grace period alone when another secret (or none) was replaced", () => {
    expect(save("cloud-api", ["accessToken"])).toBeUndefined();
    expect(save("cloud-api", [])).toBeUndefined();
    // other-oAuth's calls are proven with the API app's bearer tokens, not a channel secret.
    expect(save("other-oAuth", ["webhookPassword"])).toBeUndefined();
  });

  it("has nothing to keep when the secret is set for the first time", () => {
    expect(save("cloud-api", ["appSecret"], {})).toEqual(NO_PREVIOUS_SECRET);
  });

  it("does not hand a previous secret of another field to the variant's check", () => {
    const columns = save("cloud-api", ["appSecret"])!;
    expect(decryptPreviousSecret(keyring, CHANNEL, "telegram", columns)).toBeNull();
    expect(decryptPreviousSecret(keyring, CHANNEL, "cloud-api", NO_PREVIOUS_SECRET)).toBeNull();
  });
});
