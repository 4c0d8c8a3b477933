import type { ChannelRow } from "@/db/queries/channels";
import { basicFromRow, informationFromRow, robotFromRow, variantOfRow } from "./record";
import { webhookUrls } from "./integration";

/*
 * A channel's configuration as a JSON document, for hand-over and support ("Download
 * configuration" on the detail page). Secrets are never exported, not even masked: the document
 * lists only which secrets are stored. Tokens and the scenario key stay out too.
 */

export const CONFIGURATION_DOCUMENT_VERSION = 1;

export function configurationDocument(row: ChannelRow, publicBaseUrl: string) {
  const variant = variantOfRow(row);
  const stored = Object.keys(row.secrets).sort();
  const information = Object.fromEntries(Object.entries(informationFromRow(row)).filter(([field]) => !stored.includes(field)));
  return {
    documentVersion: CONFIGURATION_DOCUMENT_VERSION,
    id: row.id,
    name: row.name,
    channelType: row.channelType,
    provider: row.provider,
    variant,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    information,
    secretsStored: stored,
    basic: basicFromRow(row),
    robot: robotFromRow(row),
    integration: {
      webhookUrls: webhookUrls(variant, publicBaseUrl, row.webhookKey),
      scenarioKeyGenerated: row.scenarioKey !== null,
    },
  };
}

/** A file name made of the channel name's safe characters (names are [A-Za-z0-9_] already). */
export function configurationFileName(row: Pick<ChannelRow, "name">): string {
  return `channel-${row.name.replace(/[^A-Za-z0-9_]/g, "_")}.json`;
}
