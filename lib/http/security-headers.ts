/*
 * Response headers every answer of the console carries: next.config.ts adds them to what Next
 * serves, and the production server's direct webhook path (lib/webhooks/ingest/node-transport.ts)
 * to what it serves.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
];
