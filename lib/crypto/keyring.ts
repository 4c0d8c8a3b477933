import { parseKeyringFromEnv, type Keyring } from "./secrets";

let cached: { source: string; keyring: Keyring } | undefined;

/**
 * The process's keyring, from SECRETS_KEY (and SECRETS_PREVIOUS_KEYS during a rotation).
 * `npm start` guarantees both are set (generated for the embedded default), and refuses to start otherwise.
 */
export function getKeyring(): Keyring {
  const source = `${process.env.SECRETS_KEY ?? ""}|${process.env.SECRETS_PREVIOUS_KEYS ?? ""}`;
  if (cached?.source !== source) {
    cached = {
      source,
      keyring: parseKeyringFromEnv({
        SECRETS_KEY: process.env.SECRETS_KEY,
        SECRETS_PREVIOUS_KEYS: process.env.SECRETS_PREVIOUS_KEYS,
      }),
    };
  }
  return cached.keyring;
}
