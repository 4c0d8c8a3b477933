import "server-only";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
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
  | { kind: "meta"; view: MetaToolsView | null }
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

/** The providers whose channels have a Provider section. */
export const hasProviderTools = (provider: string) => provider === "cloud-api" || provider === "telegram";

export async function loadProviderTools(db: Db, tenantId: string, channel: { id: string; provider: string }): Promise<ProviderToolsData> {
  if (channel.provider === "cloud-api") {
    return { kind: "meta", view: await unlessLimited(() => loadMetaToolsView(db, tenantId, channel.id)) };
  }
  if (channel.provider === "telegram") {
    const view = await unlessLimited(() => loadTelegramWebhookView(db, tenantId, channel.id));
    return { kind: "telegram", view, disallowedPort: disallowedTelegramPort(publicBaseUrl()) };
  }
  return null;
}

/** For the page's streamed section: the console's database. */
export function loadProviderToolsForPage(tenantId: string, channel: { id: string; provider: string }): Promise<ProviderToolsData> {
  return loadProviderTools(getDb(), tenantId, channel);
}
