import { getFormatter, getTranslations } from "next-intl/server";
import { DetailList } from "@/components/console/detail-list";
import { Alert } from "@/components/ui/alert";
import type { MetaToolsView } from "@/lib/channels/meta/tools";
import { ProviderActionButton, type ProviderAction } from "./provider-action-button";
import { RegisterNumberForm, type RegisterNumberAction } from "./register-number-form";

export interface MetaProviderActions {
  setSubscription: ProviderAction<{ channelId: string; subscribe: boolean }>;
  registerNumber: RegisterNumberAction;
  checkToken: ProviderAction<{ channelId: string }>;
}

const Heading = ({ children }: { children: React.ReactNode }) => <h3 className="mb-2 mt-6 text-sm font-semibold first:mt-0">{children}</h3>;

/** Meta's view of a cloud-api channel: the number, the WABA subscription, registration and the token. Values are Meta's own strings. */
export async function MetaProviderPanel({
  channelId,
  view,
  actions,
}: {
  channelId: string;
  view: MetaToolsView;
  /** Absent for support staff: they read, they do not change. */
  actions?: MetaProviderActions;
}) {
  const [t, format] = await Promise.all([getTranslations("providerTools.meta"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const { number, subscription, token, budget } = view;
  const failure = (outcome: { code: string; message: string }, key: "number.failed" | "subscription.failed") =>
    outcome.code === "connect" ? t("number.unreachable") : t(key, { code: outcome.code, message: outcome.message });

  return (
    <div data-testid="meta-provider-panel">
      <Heading>{t("number.title")}</Heading>
      {number.ok ? (
        <DetailList
          rows={[
            { label: t("number.displayPhoneNumber"), value: number.value.display_phone_number },
            { label: t("number.verifiedName"), value: number.value.verified_name ?? "—" },
            { label: t("number.status"), value: number.value.status ?? "—", testId: "meta-number-status" },
            { label: t("number.qualityRating"), value: number.value.quality_rating ?? "—" },
            { label: t("number.codeVerificationStatus"), value: number.value.code_verification_status ?? "—" },
            { label: t("number.nameStatus"), value: number.value.name_status ?? "—" },
            { label: t("number.platformType"), value: number.value.platform_type ?? "—" },
            { label: t("number.throughput"), value: number.value.throughput?.level ?? "—" },
            { label: t("number.healthStatus"), value: number.value.health_status?.can_send_message ?? "—" },
            {
              label: t("number.healthEntities"),
              value: (number.value.health_status as { entities?: { entity_type?: string; can_send_message?: string }[] } | undefined)?.entities
                ?.map((entity) => `${entity.entity_type ?? "?"}: ${entity.can_send_message ?? "?"}`)
                .join(", ") || "—",
            },
          ]}
        />
      ) : (
        <Alert variant="destructive">{failure(number, "number.failed")}</Alert>
      )}

      <Heading>{t("subscription.title")}</Heading>
      {subscription === null ? (
        <p className="text-sm text-slate-600">{t("subscription.noWaba")}</p>
      ) : subscription.ok ? (
        <div className="grid gap-2 text-sm">
          <p data-testid="meta-subscription-state">{subscription.value.subscribed ? t("subscription.subscribed") : t("subscription.notSubscribed")}</p>
          {subscription.value.apps.length > 0 ? (
            <p className="text-slate-600">{t("subscription.otherApps", { apps: subscription.value.apps.map((app) => app.name ?? app.id).join(", ") })}</p>
          ) : null}
          {actions ? (
            <ProviderActionButton
              action={actions.setSubscription}
              input={{ channelId, subscribe: !subscription.value.subscribed }}
              label={subscription.value.subscribed ? t("subscription.unsubscribe") : t("subscription.subscribe")}
              pendingLabel={subscription.value.subscribed ? t("subscription.unsubscribing") : t("subscription.subscribing")}
            />
          ) : null}
        </div>
      ) : (
        <Alert variant="destructive">{failure(subscription, "subscription.failed")}</Alert>
      )}

      <Heading>{t("register.title")}</Heading>
      <div className="grid gap-2 text-sm">
        <p className="text-slate-600">{t("register.explain")}</p>
        <p data-testid="meta-register-budget">
          {t("register.budget", { left: budget.left, limit: budget.limit })}
          {budget.left === 0 && budget.nextFreeAt ? ` ${t("register.nextFree", { date: when(budget.nextFreeAt) })}` : ""}
        </p>
        {actions ? <RegisterNumberForm channelId={channelId} left={budget.left} action={actions.registerNumber} /> : null}
      </div>

      <Heading>{t("token.title")}</Heading>
      {token ? (
        <DetailList
          rows={[
            { label: t("token.validity"), value: t(`token.${token.isValid}`), testId: "meta-token-validity" },
            { label: t("token.expires"), value: token.isValid === "unknown" ? "—" : token.expiresAt ? when(token.expiresAt) : t("token.never") },
            { label: t("token.scopes"), value: token.scopes.join(", ") || "—" },
            { label: t("token.type"), value: token.tokenType ?? "—" },
            { label: t("token.checkedAt"), value: when(token.checkedAt) },
            ...(token.errorCode
              ? [{ label: "", key: "problem", value: token.errorCode === "connect" ? t("token.connect") : t("token.problem", { code: token.errorCode, message: token.errorMessage ?? "" }) }]
              : []),
          ]}
        />
      ) : (
        <p className="text-sm text-slate-600">{t("token.notChecked")}</p>
      )}
      {actions ? (
        <div className="mt-2">
          <ProviderActionButton action={actions.checkToken} input={{ channelId }} label={t("token.check")} pendingLabel={t("token.checking")} />
        </div>
      ) : null}
    </div>
  );
}
