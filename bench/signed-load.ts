import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { round } from "./measure";

/*
 * Signed Meta Cloud API deliveries as load, for the webhook benches: every request a new message
 * id and a new customer, written now, signed with the app secret, so each one is a real INSERT
 * (and, on a closed channel with a notice, a real automatic reply).
 */

export interface LoadResult {
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function toLoadResult(result: autocannon.Result): LoadResult {
  return {
    requestsPerSecond: round(result.requests.average),
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** testing/fixtures/webhooks/meta-text.json for `phoneNumberId`, with __ID__, __FROM__ and __TS__ to fill per request. */
export function metaDeliveryTemplate(phoneNumberId: string): string {
  const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "testing", "fixtures", "webhooks", "meta-text.json"), "utf8"));
  const value = fixture.entry[0].changes[0].value;
  value.metadata.phone_number_id = phoneNumberId;
  Object.assign(value.messages[0], { id: "__ID__", from: "__FROM__", timestamp: "__TS__" });
  value.contacts[0].wa_id = "__FROM__";
  return JSON.stringify(fixture);
}

export interface SignedLoadOptions {
  connections: number;
  seconds: number;
  /** Requests per second over all connections; absent: as fast as possible. */
  rate?: number;
}

/** Customers are new across every load of the process, not only within one: each may get its own reply. */
let customers = 0;

/** `template`'s deliveries to `url`, ids `<prefix>.<n>`, signed with `appSecret`. */
export function signedLoad(url: string, template: string, appSecret: string, prefix: string, options: SignedLoadOptions): Promise<LoadResult> {
  let counter = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
        timeout: 10,
        requests: [
          {
            method: "POST",
            setupRequest: (request) => {
              const n = counter++;
              const body = template
                .replace("__ID__", `${prefix}.${n.toString(36)}`)
                .replaceAll("__FROM__", String(4_900_000_000_000 + customers++))
                .replace("__TS__", String(Math.floor(Date.now() / 1000)));
              const signature = createHmac("sha256", appSecret).update(body).digest("hex");
              return { ...request, body, headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` } };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        if (process.env.BENCH_VERBOSE) console.info(JSON.stringify({ statusCodeStats: result.statusCodeStats, errors: result.errors, timeouts: result.timeouts, latency: result.latency.p99 }));
        resolve(toLoadResult(result));
      },
    );
  });
}
