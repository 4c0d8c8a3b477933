import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { CLIENT_NAMESPACES, type MessagesRoute } from "@/lib/i18n/client-namespaces";
import { pickMessages } from "@/lib/i18n/pick-messages";
import type { Messages } from "@/lib/i18n/messages";

/**
 * Hands the client components below it only the namespaces `route` lists, so a page ships its
 * own features' messages rather than the whole catalog. Providers do not merge: the nearest one
 * must list everything its client components use (lib/i18n/client-namespaces.test.ts checks).
 */
export async function ClientMessages({ route, children }: { route: MessagesRoute; children: ReactNode }) {
  const messages = (await getMessages()) as Messages;
  return <NextIntlClientProvider messages={pickMessages(messages, CLIENT_NAMESPACES[route])}>{children}</NextIntlClientProvider>;
}
