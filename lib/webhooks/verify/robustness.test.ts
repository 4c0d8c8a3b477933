import { describe, expect, it } from "vitest";
import { AUTH_REASONS } from "../reasons";
import { verifyMetaHandshake } from "./meta-handshake";
import { verifyMetaSignature } from "./meta-signature";
import { readBearerToken, verifyTelegramSecretToken, verifyWebhookPassword } from "./shared-secret";
import { publicRequestUrl, verifyTwilioSignature } from "./twilio-signature";

/* Random headers, URLs and bodies: every verifier answers with a known reason and never throws. */

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ["sha256=", "Basic ", "Bearer ", "=", ":", "%", "%zz", "+", "?", "#", "@", "[::1]", ":443", "\u00e4", "\ud83d\ude00", "\ud800", " ", "a", "0", "f".repeat(64), "A".repeat(27), "bodySHA256=", "https://", "http://x"];

function randomText(random: () => number): string {
  let text = "";
  const parts = Math.floor(random() * 6);
  for (let i = 0; i < parts; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

/** A header reader that returns anything, including what `Headers` would refuse. */
const reader = (values: Record<string, string | null>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe("verifiers under random input", () => {
  it("refuse with a known reason and never throw", () => {
    const random = rng(42);
    const known = new Set<string>(AUTH_REASONS);
    const expectRefused = (result: { ok: boolean; reason?: string }) => {
      expect(result.ok).toBe(false);
      expect(known.has(result.reason!)).toBe(true);
    };
    for (let i = 0; i < 2000; i++) {
      const a = randomText(random);
      const b = randomText(random);
      const c = randomText(random);
      expectRefused(verifyMetaSignature(a, b, "app-secret"));
      expectRefused(verifyTwilioSignature({ authToken: "auth-token", signature: a, url: b, rawBody: c }));
      expectRefused(verifyWebhookPassword(reader({ accountkey: a, authorization: b }), "pw-that-is-not-random", { allowBareAuthorization: i % 2 === 0 }));
      expectRefused(verifyTelegramSecretToken(reader({ "x-telegram-bot-api-secret-token": a }), "token-that-is-not-random"));
      expectRefused(verifyMetaHandshake(new URLSearchParams(`hub.mode=${a}&hub.verify_token=${b}&hub.challenge=${c}`), "verify-token-not-random"));
      expect(typeof publicRequestUrl(a, b)).toBe("string");
      const bearer = readBearerToken(reader({ authorization: a }));
      if (bearer.ok) expect(a).toMatch(/^\s*bearer +\S+\s*$/i);
      else expect(known.has(bearer.reason)).toBe(true);
    }
  });
});
