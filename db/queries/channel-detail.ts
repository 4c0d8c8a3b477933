import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiApps, certificates, ous, skillQueues } from "../schema";
import type { ChannelIntegrationRow } from "./channel-integration";
import { getChannel, type ChannelRow } from "./channels";
import type { TenantScope } from "../scope";

/*
 * The channel page: the channel and the names of the rows it references (OU, skill queues,
 * certificates, API app), each looked up within the tenant, so a reference can never show
 * another tenant's name.
 */

export interface ChannelReferenceNames {
  ou: string | null;
  /** Skill queue id → name: the channel's queue, the no-agent-reply target and the transfer targets. */
  queues: Record<string, string>;
  /** Certificate id → name. */
  certificates: Record<string, string>;
  apiApp: { name: string; appKey: string } | null;
}

/** What the page shows of the channel itself: no ciphertexts (secrets carry their masks in settings). */
export type ChannelDetailView = Omit<ChannelRow, "secrets" | "integrationToken" | "scenarioKey" | "previousSecret">;

export interface ChannelDetail {
  channel: ChannelDetailView;
  /** For the Channel Integration values only (integrationViewOf decides what is decrypted, for whom). */
  integration: ChannelIntegrationRow;
  names: ChannelReferenceNames;
}

export async function getChannelDetail(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ChannelDetail | null> {
  const channel = await getChannel(db, scope, channelId);
  if (!channel) return null;
  const queueIds = [channel.skillQueueId, channel.noAgentReplyQueueId, ...channel.transferQueueIds].filter((id): id is string => id !== null);
  const certificateIds = [channel.trustCertificateId, channel.identityCertificateId].filter((id): id is string => id !== null);

  const [ou, queues, certs, app] = await Promise.all([
    db
      .select({ name: ous.name })
      .from(ous)
      .where(and(eq(ous.id, channel.ouId), eq(ous.tenantId, scope.tenantId))),
    db
      .select({ id: skillQueues.id, name: skillQueues.name })
      .from(skillQueues)
      .where(and(inArray(skillQueues.id, queueIds), eq(skillQueues.tenantId, scope.tenantId))),
    certificateIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: certificates.id, name: certificates.name })
          .from(certificates)
          .where(and(inArray(certificates.id, certificateIds), eq(certificates.tenantId, scope.tenantId))),
    channel.apiAppId === null
      ? Promise.resolve([])
      : db
          .select({ name: apiApps.name, appKey: apiApps.appKey })
          .from(apiApps)
          .where(and(eq(apiApps.id, channel.apiAppId), eq(apiApps.tenantId, scope.tenantId))),
  ]);

  const { secrets, integrationToken, scenarioKey, previousSecret: _previous, ...view } = channel;
  return {
    channel: view,
    integration: {
      id: channel.id,
      name: channel.name,
      provider: channel.provider,
      verificationMethod: channel.verificationMethod,
      status: channel.status,
      webhookKey: channel.webhookKey,
      integrationToken,
      scenarioKey,
      secrets,
    },
    names: {
      ou: ou[0]?.name ?? null,
      queues: Object.fromEntries(queues.map((queue) => [queue.id, queue.name])),
      certificates: Object.fromEntries(certs.map((cert) => [cert.id, cert.name])),
      apiApp: app[0] ?? null,
    },
  };
}
