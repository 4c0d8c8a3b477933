/*
 * Telegram delivers webhooks only to ports 443, 80, 88 and 8443 (protocols.md §3, outbound.md §5).
 * Shared by the wizard (a client component) and the server, so it imports nothing.
 */

export const TELEGRAM_WEBHOOK_PORTS = [443, 80, 88, 8443] as const;

/** The URL's port (the scheme's default when none is written), or null when it is not a URL. */
export function portOf(url: string): number | null {
  try {
    const parsed = new URL(url);
    if (parsed.port) return Number(parsed.port);
    return parsed.protocol === "https:" ? 443 : parsed.protocol === "http:" ? 80 : null;
  } catch {
    return null;
  }
}

/** The port Telegram would refuse to call, or null when the port is one of its four (or the URL is unreadable). */
export function disallowedTelegramPort(url: string): number | null {
  const port = portOf(url);
  return port === null || (TELEGRAM_WEBHOOK_PORTS as readonly number[]).includes(port) ? null : port;
}
