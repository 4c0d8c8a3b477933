import type { APIResponse } from "@playwright/test";
import { expect, signInAs, SUPPORT, test } from "./fixtures";

/*
 * The response headers of the production server: a page's Content-Security-Policy carries a nonce
 * that is new on every request and on every script Next sends; HSTS only over https; API answers,
 * whether Next or the direct webhook path sends them, carry the same fixed headers. The fixtures
 * fail every test of the suite on a policy violation in Chromium; the last test shows they notice one.
 */

const nonceOf = (response: APIResponse) => {
  const policy = response.headers()["content-security-policy"] ?? "";
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
};

async function scriptTags(response: APIResponse): Promise<string[]> {
  return (await response.text()).match(/<script\b[^>]*>/g) ?? [];
}

test("a page's policy has a nonce that is new on every request and on every script of the page", async ({ request }) => {
  const [first, second] = [await request.get("/sign-in"), await request.get("/sign-in")];
  const nonces = [nonceOf(first), nonceOf(second)];
  expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonces[1]).not.toBe(nonces[0]);

  const policy = first.headers()["content-security-policy"]!;
  expect(policy).toContain(`script-src 'self' 'nonce-${nonces[0]}' 'strict-dynamic'`);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("unsafe-eval");

  const scripts = await scriptTags(first);
  // Next's inline flight-data scripts and its chunks.
  expect(scripts.filter((tag) => !tag.includes("src=")).length).toBeGreaterThan(0);
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`);
});

test("signed-in pages carry the policy too, with their own nonce", async ({ page }) => {
  await signInAs(page, SUPPORT);
  const response = await page.goto("/channels");
  const headers = await response!.allHeaders();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const scripts = await page.locator("script").evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(1);
  // The browser hides the attribute once applied; the property still holds it.
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
});

test("HSTS only when the request came over https (X-Forwarded-Proto from the TLS proxy)", async ({ request }) => {
  for (const path of ["/sign-in", "/api/health", "/channels"]) {
    const plain = await request.get(path, { maxRedirects: 0 });
    expect(plain.headers()["strict-transport-security"], path).toBeUndefined();
    const https = await request.get(path, { maxRedirects: 0, headers: { "X-Forwarded-Proto": "https" } });
    expect(https.headers()["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
  }
});

const SHARED_HEADERS = [
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "permissions-policy",
  "content-security-policy",
  "strict-transport-security",
];
const shared = (response: APIResponse) => Object.fromEntries(SHARED_HEADERS.map((name) => [name, response.headers()[name]]));

test("API answers carry a policy that lets nothing run, the same from Next and from the direct webhook path", async ({ request }) => {
  for (const headers of [{}, { "X-Forwarded-Proto": "https" }] as Record<string, string>[]) {
    const fromNext = await request.get("/api/health", { headers });
    const direct = await request.post("/api/webhooks/telegram/no-such-channel-key-000000000000", { headers, data: {} });
    expect(direct.status()).toBe(404);
    expect(shared(fromNext)).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "permissions-policy": expect.stringContaining("camera=()"),
    });
    expect(shared(direct)).toEqual(shared(fromNext));
  }
});

test("an injected inline event handler is blocked, and the fixtures notice it", async ({ page, policyViolations }) => {
  await page.goto("/sign-in");
  await page.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="/no-such-image.png" onerror="window.__injected = true">`;
    document.body.append(holder);
  });
  const seen: string[] = [];
  await expect
    .poll(() => {
      seen.push(...policyViolations.take());
      return seen.join("\n");
    })
    .toContain("script-src");
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
});
