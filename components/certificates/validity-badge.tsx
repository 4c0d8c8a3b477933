import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { certificateValidity } from "@/lib/certificates/expiry";

const VARIANT = { expired: "danger", expiresSoon: "warning", notYetValid: "warning", valid: null } as const;

/** "Expired" / "Expires soon" / "Not yet valid" at `now`; nothing for a certificate that is simply valid. */
export function ValidityBadge({ notBefore, notAfter, now }: { notBefore: Date; notAfter: Date; now: Date }) {
  const t = useTranslations("certificates.validity");
  const validity = certificateValidity({ notBefore, notAfter }, now);
  const variant = VARIANT[validity];
  if (!variant) return null;
  return (
    <Badge variant={variant} data-testid="validity-badge">
      {t(validity)}
    </Badge>
  );
}

/** Certificates state their validity in UTC; showing it in UTC matches what openssl and browsers print. */
export const UTC_DATE = { dateStyle: "medium", timeZone: "UTC" } as const;
export const UTC_DATE_TIME = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
} as const;
