"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CopyButton } from "./copy-button";

function CredentialRow({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex flex-wrap items-center gap-2">
        <Input id={id} readOnly value={value} className="max-w-xl font-mono" onFocus={(event) => event.currentTarget.select()} />
        <CopyButton value={value} what={label} />
      </div>
    </div>
  );
}

/**
 * The app key and the app secret, right after they were generated. The secret lives only in
 * this component's state: once dismissed or the page is left, nobody can see it again.
 */
export function SecretReveal({ title, appKey, appSecret, onDone }: { title: string; appKey: string; appSecret: string; onDone: () => void }) {
  const t = useTranslations("apiApps");
  return (
    <section aria-label={title} data-testid="secret-reveal" className="grid gap-4 rounded-md border border-amber-300 bg-amber-50 p-4">
      <h3 className="text-sm font-semibold">{title}</h3>
      <p role="alert" className="text-sm font-medium text-amber-900">
        {t("reveal.warning")}
      </p>
      <CredentialRow id="revealed-app-key" label={t("appKey")} value={appKey} />
      <CredentialRow id="revealed-app-secret" label={t("reveal.appSecret")} value={appSecret} />
      <div>
        <Button type="button" onClick={onDone}>
          {t("reveal.done")}
        </Button>
      </div>
    </section>
  );
}
