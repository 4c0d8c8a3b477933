import { z } from "zod";
import { classifyMetaError } from "@/lib/outbound/providers/cloud-api";
import { failed, malformed, parseRetryAfter, succeeded, type ProviderResult } from "@/lib/outbound/providers/result";
import { jsonOf, send, trimBase, type CallContext } from "@/lib/outbound/providers/transport";
import type { CloudApiSettings } from "@/lib/outbound/providers/cloud-api";

/*
 * The WABA's webhook subscription (outbound.md §1.4): `GET /{WABA_ID}/subscribed_apps` lists the
 * apps whose webhook receives the WABA's events; the console's channel is served when its app id
 * (the channel's AppKey) is among them.
 */

const subscribedAppsSchema = z.object({
  data: z.array(z.object({ whatsapp_business_api_data: z.object({ id: z.string(), name: z.string().optional() }).partial().optional() })),
});

const NUMERIC_ID = /^\d{1,32}$/;

export async function readSubscribedApps(
  settings: CloudApiSettings & { graphBaseUrl: string },
  wabaId: string,
  context: CallContext,
): Promise<ProviderResult<{ appIds: string[] }>> {
  if (!NUMERIC_ID.test(wabaId)) return failed({ kind: "not-found", retryable: false, status: 0, message: "the WABA id is not a number" });
  const url = `${trimBase(settings.graphBaseUrl)}/${wabaId}/subscribed_apps`;
  const sent = await send({ method: "GET", url, headers: { authorization: `Bearer ${settings.accessToken}` } }, settings, context);
  if (!sent.ok) return failed(sent.failure);
  const { response } = sent;
  if (response.status !== 200) {
    return failed(classifyMetaError(response.status, jsonOf(response), parseRetryAfter(response.headers["retry-after"]), [settings.accessToken]));
  }
  const parsed = subscribedAppsSchema.safeParse(jsonOf(response));
  if (!parsed.success) return failed(malformed(response.status));
  return succeeded({ appIds: parsed.data.data.flatMap((entry) => (entry.whatsapp_business_api_data?.id ? [entry.whatsapp_business_api_data.id] : [])) });
}
