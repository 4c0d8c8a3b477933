/*
 * Where the fixed-host providers are called. Twilio's API and Meta's Graph have one public address,
 * so a channel does not choose it; an operator can point the console at a proxy, and the tests at
 * their fakes (testing/fake-providers), through the environment.
 */

export const TWILIO_API_DEFAULT_BASE_URL = "https://api.twilio.com";
/** Twilio's Senders API (WhatsApp senders and their webhook configuration) has its own host. */
export const TWILIO_MESSAGING_DEFAULT_BASE_URL = "https://messaging.twilio.com";
/** v21.0: the Graph version the seed's trustlist prefix and the wizard's example BaseUrl name. */
export const META_GRAPH_DEFAULT_BASE_URL = "https://graph.facebook.com/v21.0";

function base(value: string | undefined, fallback: string, name: string): string {
  const text = value?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} is not a URL`);
  }
  if (url.protocol !== "https:") throw new Error(`${name} must be an https URL`);
  return text.replace(/\/+$/, "");
}

/** TWILIO_API_BASE_URL, else https://api.twilio.com (no trailing slash). */
export function twilioApiBaseUrl(env: Partial<Record<string, string>> = process.env): string {
  return base(env.TWILIO_API_BASE_URL, TWILIO_API_DEFAULT_BASE_URL, "TWILIO_API_BASE_URL");
}

/** META_GRAPH_BASE_URL, else https://graph.facebook.com/v21.0 (version included, no trailing slash). */
export function metaGraphBaseUrl(env: Partial<Record<string, string>> = process.env): string {
  return base(env.META_GRAPH_BASE_URL, META_GRAPH_DEFAULT_BASE_URL, "META_GRAPH_BASE_URL");
}

/** TWILIO_MESSAGING_BASE_URL, else https://messaging.twilio.com (no trailing slash). */
export function twilioMessagingBaseUrl(env: Partial<Record<string, string>> = process.env): string {
  return base(env.TWILIO_MESSAGING_BASE_URL, TWILIO_MESSAGING_DEFAULT_BASE_URL, "TWILIO_MESSAGING_BASE_URL");
}
