"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { suggestTrustlistPrefix, trustlistRequestHref } from "@/lib/trustlist/prefix";
import { RequestPrefixForm, type RequestPrefixAction } from "./request-prefix-form";

/**
 * What a form shows when a URL it sent was refused with "trustlist.errors.notOnTrustlist": the
 * prefix to request and, for a tenant administrator, the request form already filled with it.
 * Pass `requestAction` (requestTrustlistPrefixAction) only to tenant administrators.
 */
export function TrustlistRequestOffer({ url, requestAction }: { url: string; requestAction?: RequestPrefixAction }) {
  const t = useTranslations("trustlist.offer");
  const prefix = suggestTrustlistPrefix(url);
  return (
    <Alert className="grid gap-3" data-testid="trustlist-offer">
      <p className="font-medium">{t("title")}</p>
      {prefix ? (
        <>
          <p>{t("suggestion", { prefix })}</p>
          {requestAction ? <RequestPrefixForm action={requestAction} defaultPrefix={prefix} /> : null}
          <Link href={trustlistRequestHref(prefix)} className="text-blue-700 hover:underline">
            {t("open")}
          </Link>
        </>
      ) : (
        <p>{t("noSuggestion")}</p>
      )}
    </Alert>
  );
}
