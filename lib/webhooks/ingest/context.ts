import type { Db } from "@/db/client";
import type { CallWriter } from "./call-writer";
import type { ChannelIdentifier } from "./channel-identifier";

/** What the steps of a call share: one per ingestor (ingestor.ts builds it), so per process. */
export interface IngestContext {
  db: Db;
  /** The console's public origin: Twilio signs the URL it called. */
  publicBaseUrl: string;
  now: () => Date;
  /** A customer message older than this when it arrives gets no automatic reply. */
  autoReplyMaxAgeMs: number;
  channels: ChannelIdentifier;
  calls: CallWriter;
}
