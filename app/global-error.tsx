"use client";

import { NextIntlClientProvider, useTranslations } from "next-intl";
// Only its own strings (kept equal to the English catalog's by lib/i18n/global-error-messages.test.ts):
// this module ships with every page, the whole catalog would too.
import messages from "@/lib/i18n/messages/global-error.en.json";
import "./globals.css";

// Replaces the root layout when it fails, so no server-side catalog is available: English it is.
function GlobalErrorBody({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations("pages.error");
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("description")}</p>
      <div className="flex gap-3">
        <button className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white" onClick={reset}>
          {t("retry")}
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load after the root layout failed, and no second copy of next/link in this module, which ships with every page */}
        <a className="rounded-md border px-4 py-2 text-sm" href="/">
          {t("home")}
        </a>
      </div>
      {digest ? <p className="text-xs text-slate-500">{t("reference", { digest })}</p> : null}
    </main>
  );
}

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <NextIntlClientProvider locale="en" messages={messages}>
          <GlobalErrorBody digest={error.digest} reset={reset} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
