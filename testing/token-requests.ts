import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauthTokens } from "@/db/schema";
import { handleTokenRequest, type TokenEndpointOptions } from "@/lib/api-apps/token-endpoint";

/** An `Authorization: Basic` value for a client id and secret (RFC 6749 §2.3.1 form-encodes both). */
export const basicAuthorization = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

let nextAddress = 1;
/** A client address of its own (a distinct IPv6 /64 each time), as scripts/serve.mjs reports it. */
export const freshAddress = () => `2001:db8:${(nextAddress++).toString(16)}::1`;

/**
 * A form-encoded POST to the token endpoint, from an address of its own unless the headers name
 * one: tests must not share throttle counters by accident.
 */
export function tokenRequest(params: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request("http://console.test/api/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": freshAddress(), ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

export async function callTokenEndpoint(db: Db, request: Request, options?: TokenEndpointOptions) {
  const response = await handleTokenRequest(db, request, options);
  return { response, status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The access tokens stored for an app: a refused request must leave none behind. */
export async function storedTokenCount(db: Db, appId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(oauthTokens).where(eq(oauthTokens.appId, appId));
  return row!.n;
}
