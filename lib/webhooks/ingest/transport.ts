import type { HeaderReader } from "../reasons";
import type { BodyResult } from "./body";

/*
 * What the ingestor needs from an HTTP call and what it answers, independent of the server that
 * carries it: Next's route handlers (web-transport.ts) and the production server's direct path
 * for webhook URLs (node-transport.ts) adapt their own request and response objects to these.
 */

export interface IngestRequest {
  method: string;
  /** As received: an absolute URL (route handlers) or the path and raw query (node:http). */
  url: string;
  headers: HeaderReader;
  /** Reads the body once, refusing it as soon as it passes the cap. */
  readBody(capBytes: number): Promise<BodyResult>;
}

export interface WebhookReply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** The caller hung up while its body was read: there is nobody left to answer. */
export class RequestAborted extends Error {
  constructor() {
    super("the request was aborted while its body was read");
  }
}
