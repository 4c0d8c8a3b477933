import type { Db } from "@/db/client";
import { getTokenStatus, type TokenStatusRow } from "@/db/queries/provider-tools";
import { AppError } from "@/lib/errors";
import { publicBaseUrl } from "./integration";
import { loadMetaToolsView, type MetaToolsView } from "./meta/tools";
import { loadTelegramWebhookView, type TelegramWebhookView } from "./telegram-webhook/manage";
import { disallowedTelegramPort } from "./telegram-webhook/ports";

/*
 * The channel page's Provider section: what Meta or Telegram says about the channel, asked when the
 * page renders (read-only calls). The tenant's outbound limit can refuse the calls; the page then
 * shows the section as unavailable rather than failing.
 */

export type ProviderToolsData =
  | { kind: "meta"; view: MetaToolsView | null; token: TokenStatusRow | null }
  | { kind: "telegram"; view: TelegramWebhookView | null; disallowedPort: number | null }
  | null;

async function unlessLimited<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.kind === "rateLimited") return null;
    throw error;
  }
}

export async function loadProviderTools(db: Db, tenantId: string, channel: { id: string; provider: string }): Promise<ProviderToolsData> {
  if (channel.provider === "cloud-api") {
    const [view, token] = await Promise.all([unlessLimited(() => loadMetaToolsView(db, tenantId, channel.id)), getTokenStatus(db, { tenantId }, channel.id)]);
    return { kind: "meta", view, token };
  }
  if (channel.provider === "telegram") {
    const view = await unlessLimited(() => loadTelegramWebhookView(db, tenantId, channel.id));
    return { kind: "telegram", view, disallowedPort: disallowedTelegramPort(publicBaseUrl()) };
  }
  return null;
}
