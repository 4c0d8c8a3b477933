// The upload limits are constants that the error messages spell out in every language (a field
// error carries no values to interpolate): a changed limit must change the messages with it.
import { describe, expect, it } from "vitest";
import de from "@/lib/i18n/messages/de/certificates.json";
import en from "@/lib/i18n/messages/en/certificates.json";
import ru from "@/lib/i18n/messages/ru/certificates.json";
import zh from "@/lib/i18n/messages/zh/certificates.json";
import {
  CERTIFICATE_READ_TIMEOUT_MS,
  MAX_CHAIN_LENGTH,
  MAX_KDF_ITERATIONS,
  MAX_PEM_BLOCKS,
  PKCS12_LIMITS,
} from "@/lib/validations/certificates";

const LIMITS_IN_MESSAGES: Record<string, number[]> = {
  tooManyPemBlocks: [MAX_PEM_BLOCKS, MAX_CHAIN_LENGTH],
  keyIterationsTooHigh: [MAX_KDF_ITERATIONS],
  pkcs12IterationsTooHigh: [MAX_KDF_ITERATIONS],
  pkcs12TooComplex: [PKCS12_LIMITS.parts, PKCS12_LIMITS.bags, PKCS12_LIMITS.encryptedItems, PKCS12_LIMITS.nesting],
  readTimedOut: [CERTIFICATE_READ_TIMEOUT_MS / 1000],
};

/** The numbers a message states, whatever its language groups digits with (1,000,000 · 1.000.000 · 1 000 000). */
function numbersIn(message: string): number[] {
  return [...message.matchAll(/\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d+/g)].map((match) => Number(match[0].replace(/\D/g, "")));
}

describe("certificate limit messages", () => {
  it.each(Object.entries({ en, zh, de, ru }))("state the limits in force (%s)", (_locale, catalog) => {
    for (const [key, limits] of Object.entries(LIMITS_IN_MESSAGES)) {
      const message = (catalog.errors as Record<string, string>)[key];
      expect(message, key).toBeDefined();
      expect(numbersIn(message!), key).toEqual(expect.arrayContaining(limits));
    }
  });
});
