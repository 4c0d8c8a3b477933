/** How long before `notAfter` the console starts warning. */
export const EXPIRES_SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CertificateValidity = "notYetValid" | "valid" | "expiresSoon" | "expired";

/**
 * A certificate's state at `now` (passed in, so the answer never depends on the clock).
 * X.509 validity is inclusive: a certificate is still valid at the instant of its `notAfter`.
 */
export function certificateValidity(validity: { notBefore: Date; notAfter: Date }, now: Date): CertificateValidity {
  const at = now.getTime();
  if (at > validity.notAfter.getTime()) return "expired";
  if (at < validity.notBefore.getTime()) return "notYetValid";
  if (validity.notAfter.getTime() - at <= EXPIRES_SOON_DAYS * DAY_MS) return "expiresSoon";
  return "valid";
}
