import "server-only";
import { getDb, getPool } from "@/db";
import { publicBaseUrl } from "@/lib/channels/integration";
import { getKeyring } from "@/lib/crypto/keyring";
import { autoReplyMaxAgeMs } from "./auto-reply";
import { createIngestor, DEFAULT_INGESTOR_OPTIONS, type Ingestor } from "./ingestor";

// One ingestor per process: its channel cache and group commit are shared by all requests.
const globalForIngestor = globalThis as unknown as { channelConsoleIngestor?: Ingestor };

export function getIngestor(): Ingestor {
  globalForIngestor.channelConsoleIngestor ??= createIngestor(
    { db: getDb(), pool: getPool(), keyring: getKeyring(), publicBaseUrl: publicBaseUrl() },
    { ...DEFAULT_INGESTOR_OPTIONS, autoReplyMaxAgeMs: autoReplyMaxAgeMs() },
  );
  return globalForIngestor.channelConsoleIngestor;
}
