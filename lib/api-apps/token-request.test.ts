import { describe, expect, it } from "vitest";
import { oauthErrorResponse, tokenResponse } from "./oauth-response";
import { MAX_TOKEN_REQUEST_BYTES, parseTokenRequest } from "./token-request";

const FORM = "application/x-www-form-urlencoded";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://console.test/api/oauth/token", { method: "POST", body, headers: { "content-type": FORM, ...headers }, duplex: "half" } as RequestInit);
}

async function failureOf(request: Request) {
  const result = await parseTokenRequest(request);
  if (result.ok) throw new Error("expected a failure");
  return { status: result.failure.status, error: result.failure.error };
}

describe("parseTokenRequest", () => {
  it("reads body credentials and the scope", async () => {
    const result = await parseTokenRequest(post("grant_type=client_credentials&client_id=ak_1&client_secret=sk_2&scope=telegram_north"));
    expect(result).toEqual({ ok: true, value: { clientId: "ak_1", clientSecret: "sk_2", scope: "telegram_north" } });
  });

  it("reads Basic credentials; a charset parameter and upper case in the media type are fine", async () => {
    const result = await parseTokenRequest(
      post("grant_type=client_credentials", { "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8", authorization: basic("ak_1", "sk_2") }),
    );
    expect(result).toEqual({ ok: true, value: { clientId: "ak_1", clientSecret: "sk_2", scope: undefined } });
  });

  it("tolerates a client_id beside Basic when it names the same client", async () => {
    const result = await parseTokenRequest(post("grant_type=client_credentials&client_id=ak_1", { authorization: basic("ak_1", "sk_2") }));
    expect(result.ok).toBe(true);
  });

  it("treats empty parameters as omitted and ignores unknown ones", async () => {
    const result = await parseTokenRequest(post("grant_type=client_credentials&client_id=ak_1&client_secret=s&scope=&foo=bar"));
    expect(result).toEqual({ ok: true, value: { clientId: "ak_1", clientSecret: "s", scope: undefined } });
  });

  it.each([
    ["JSON", "application/json", '{"grant_type":"client_credentials"}'],
    ["multipart", "multipart/form-data; boundary=x", "--x--"],
    ["text", "text/plain", "grant_type=client_credentials"],
    ["a look-alike type", "application/x-www-form-urlencoded-evil", "grant_type=client_credentials"],
  ])("refuses a %s body with invalid_request", async (_case, type, body) => {
    expect(await failureOf(post(body, { "content-type": type }))).toEqual({ status: 400, error: "invalid_request" });
  });

  it("refuses a request without a content type", async () => {
    const request = new Request("http://console.test/api/oauth/token", { method: "POST", body: new Uint8Array([1, 2]) });
    expect(await failureOf(request)).toEqual({ status: 400, error: "invalid_request" });
  });

  it("refuses a body over the limit, declared or streamed", async () => {
    const big = `grant_type=client_credentials&pad=${"x".repeat(MAX_TOKEN_REQUEST_BYTES)}`;
    expect(await failureOf(post(big))).toEqual({ status: 413, error: "invalid_request" });
    // Chunked, without Content-Length: the reader stops once the limit is passed.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        if (pulled > 1000) controller.close();
      },
    });
    expect(await failureOf(post(stream))).toEqual({ status: 413, error: "invalid_request" });
    expect(pulled).toBeLessThan(20);
  });

  it("accepts a body of exactly the limit", async () => {
    const head = "grant_type=client_credentials&client_id=ak_1&client_secret=s&pad=";
    const result = await parseTokenRequest(post(head + "x".repeat(MAX_TOKEN_REQUEST_BYTES - head.length)));
    expect(result.ok).toBe(true);
  });

  it("refuses a repeated parameter", async () => {
    expect(await failureOf(post("grant_type=client_credentials&client_id=a&client_id=b&client_secret=s"))).toEqual({ status: 400, error: "invalid_request" });
  });

  it("needs grant_type, and only client_credentials", async () => {
    expect(await failureOf(post("client_id=ak_1&client_secret=s"))).toEqual({ status: 400, error: "invalid_request" });
    expect(await failureOf(post("grant_type=password&client_id=ak_1&client_secret=s"))).toEqual({ status: 400, error: "unsupported_grant_type" });
    expect(await failureOf(post("grant_type=CLIENT_CREDENTIALS&client_id=ak_1&client_secret=s"))).toEqual({ status: 400, error: "unsupported_grant_type" });
  });

  it("refuses two authentication methods at once", async () => {
    const both = post("grant_type=client_credentials&client_id=ak_1&client_secret=s", { authorization: basic("ak_1", "s") });
    expect(await failureOf(both)).toEqual({ status: 400, error: "invalid_request" });
    const otherId = post("grant_type=client_credentials&client_id=ak_2", { authorization: basic("ak_1", "s") });
    expect(await failureOf(otherId)).toEqual({ status: 400, error: "invalid_request" });
  });

  it("answers invalid_client without credentials, with a client_id alone or a malformed header", async () => {
    expect(await failureOf(post("grant_type=client_credentials"))).toEqual({ status: 401, error: "invalid_client" });
    expect(await failureOf(post("grant_type=client_credentials&client_id=ak_1"))).toEqual({ status: 401, error: "invalid_client" });
    expect(await failureOf(post("grant_type=client_credentials", { authorization: "Basic %%%" }))).toEqual({ status: 401, error: "invalid_client" });
    expect(await failureOf(post("grant_type=client_credentials", { authorization: "Bearer abc" }))).toEqual({ status: 401, error: "invalid_client" });
    expect(await failureOf(post(`grant_type=client_credentials&client_id=${"a".repeat(300)}&client_secret=s`))).toEqual({ status: 401, error: "invalid_client" });
  });

  it("refuses a secret without a client_id as malformed", async () => {
    expect(await failureOf(post("grant_type=client_credentials&client_secret=s"))).toEqual({ status: 400, error: "invalid_request" });
  });

  it("survives bytes that are not UTF-8 or valid percent-encoding", async () => {
    const body = Buffer.concat([Buffer.from("grant_type=client_credentials&client_id=%E4%zz&client_secret="), Buffer.from([0xff, 0xfe])]);
    const result = await parseTokenRequest(post(body));
    expect(result.ok).toBe(true);
  });
});

describe("responses", () => {
  it("never lets a token response be cached", async () => {
    const response = tokenResponse({ access_token: "t", token_type: "Bearer", expires_in: 900, scope: "file_download" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("challenges with Basic on 401 only", async () => {
    const unauthorized = oauthErrorResponse({ status: 401, error: "invalid_client", description: "x" });
    expect(unauthorized.headers.get("www-authenticate")).toBe('Basic realm="channel-console"');
    expect(await unauthorized.json()).toEqual({ error: "invalid_client", error_description: "x" });
    const badRequest = oauthErrorResponse({ status: 400, error: "invalid_scope", description: "y" });
    expect(badRequest.headers.get("www-authenticate")).toBeNull();
    expect(badRequest.headers.get("cache-control")).toBe("no-store");
  });
});
