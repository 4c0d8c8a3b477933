"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { isUrlAllowed, suggestTrustlistPrefix, trustlistRequestHref } from "@/lib/trustlist/prefix";
import { RequestPrefixForm, type RequestPrefixAction } from "./request-prefix-form";

/**
 * What a form shows when a URL it sent was refused with "trustlist.errors.notOnTrustlist": the
 * prefix to request and, for a tenant administrator, the request form already filled with it.
 * Once the tenant has a pending request that would admit the URL, that request and its status
 * take the form's place, so nobody is invited to ask twice.
 * Pass `requestAction` (requestTrustlistPrefixAction) only to tenant administrators.
 */
export function TrustlistRequestOffer({
  url,
  requestAction,
  pendingPrefixes = [],
  onRequested,
}: {
  url: string;
  requestAction?: RequestPrefixAction;
  pendingPrefixes?: readonly string[];
  onRequested?: (prefix: string) => void;
}) {
  const t = useTranslations("trustlist");
  const prefix = suggestTrustlistPrefix(url);
  const waiting = pendingPrefixes.find((pending) => isUrlAllowed(url, [pending]));
  if (waiting) {
    return (
      <Alert className="grid gap-2" data-testid="trustlist-offer">
        <p role="status" data-testid="trustlist-requested" className="flex flex-wrap items-center gap-2">
          <span className="[overflow-wrap:anywhere]">{t("offer.requested", { prefix: waiting })}</span>
          <Badge variant="warning">{t("status.pending")}</Badge>
        </p>
        <Link href="/settings/trustlist" className="text-blue-700 hover:underline">
          {t("offer.follow")}
        </Link>
      </Alert>
    );
  }
  return (
    <Alert className="grid gap-3" data-testid="trustlist-offer">
      <p className="font-medium">{t("offer.title")}</p>
      {prefix ? (
        <>
          <p className="[overflow-wrap:anywhere]">{t("offer.suggestion", { prefix })}</p>
          {requestAction ? <RequestPrefixForm action={requestAction} defaultPrefix={prefix} onRequested={onRequested} /> : null}
          <Link href={trustlistRequestHref(prefix)} className="text-blue-700 hover:underline">
            {t("offer.open")}
          </Link>
        </>
      ) : (
        <p>{t("offer.noSuggestion")}</p>
      )}
    </Alert>
  );
}
