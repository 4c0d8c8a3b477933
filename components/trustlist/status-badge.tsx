import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { TrustlistEntry } from "@/db/schema";

const VARIANTS = { pending: "warning", approved: "success", rejected: "danger" } as const;

export function TrustlistStatusBadge({ status }: { status: TrustlistEntry["status"] }) {
  const t = useTranslations("trustlist.status");
  return (
    <Badge variant={VARIANTS[status]} data-testid="trustlist-status">
      {t(status)}
    </Badge>
  );
}
