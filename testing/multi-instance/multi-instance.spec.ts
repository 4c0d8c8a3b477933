import { createHmac, randomInt } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import pg from "pg";
import { chooseVariant, fillBasic, hex, label, next, openNewWizard, saveWizard, uniquePhone } from "../../e2e/channel-wizard-helpers";
import { signInAs, submitForm, TENANT_ADMIN, uniqueSuffix, waitForHydration } from "../../e2e/fixtures";
import { metaInbound } from "../fixtures/webhooks/inbound";
import { expect, test } from "./fixtures";

/*
 * Issue 18, items 1–2: two console instances and a separate worker on one PostgreSQL, behind the
 * round-robin proxy (fixtures.ts). Each test talks to a named instance directly where the point is
 * that the other one did the first half; the session cookie is the same on both (one host, two
 * ports, and cookies ignore ports), as it is behind a balancer.
 */

test.describe.configure({ mode: "serial" });

const APP_SECRET = hex(32);
const PHONE_NUMBER_ID = String(randomInt(100_000_000, 999_999_999));
const NOTICE = `Closed for the holiday ${uniqueSuffix()}`;
const CUSTOMER = "4915112340018";

let context: BrowserContext;
let page: Page;
let channel: { id: string; name: string; webhookPath: string };

test.afterAll(async () => {
  await context?.close();
});

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

async function query<T extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function postCustomerMessage(baseUrl: string, text: string): Promise<Response> {
  const body = metaInbound(PHONE_NUMBER_ID, { id: `wamid.multi.${uniqueSuffix()}`, from: CUSTOMER, text, at: new Date() });
  const signature = `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`;
  return fetch(`${baseUrl}${channel.webhookPath}`, { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
}

test("a session started through instance A works on instance B", async ({ browser, deployment }) => {
  const { a, b } = deployment.instances;
  context = await browser.newContext({ baseURL: a.url });
  page = await context.newPage();
  await signInAs(page, TENANT_ADMIN);
  // The browser's cookie jar, sent to B: what a balancer sending the next request elsewhere does.
  const me = await context.request.get(`${b.url}/api/me`);
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: TENANT_ADMIN.email });
  const signedOut = await fetch(`${b.url}/api/me`);
  expect(signedOut.status, "without the cookie B refuses").toBe(401);
});

test("a channel created on A receives signed webhooks on B, and A shows them live", async ({ deployment }) => {
  const { b } = deployment.instances;
  // Always open on a working day; on a non-working day one minute, six and a half hours from now.
  const now = new Date();
  const closedStart = (now.getUTCHours() * 60 + now.getUTCMinutes() + 390) % 1440;
  await openNewWizard(page);
  await chooseVariant(page, "cloud-api");
  await label(page, "App key").fill(String(randomInt(100_000_000, 999_999_999)));
  await label(page, "App secret").fill(APP_SECRET);
  await label(page, "Phone number").fill(uniquePhone());
  await label(page, "Phone number ID").fill(PHONE_NUMBER_ID);
  await label(page, "Access token").fill(`EAAG${hex(40)}`);
  await label(page, "Trust certificate").selectOption(deployment.prerequisites.trustCertificateId);
  await next(page, 2);
  const name = `multi_${uniqueSuffix()}`;
  await fillBasic(page, deployment.prerequisites, { name, notice: NOTICE });
  await label(page, "Workday segment 1 start").fill("00:00");
  await label(page, "Workday segment 1 end").fill("24:00");
  await label(page, "Non-workday segment 1 start").fill(hhmm(closedStart));
  await label(page, "Non-workday segment 1 end").fill(hhmm(closedStart + 1) === "00:00" ? "24:00" : hhmm(closedStart + 1));
  await next(page, 3);
  const id = await saveWizard(page);

  // A shows the URL the balancer serves (PUBLIC_BASE_URL), and is waiting for the first call.
  const url = (await page.getByTestId("integration-url-webhook").textContent())!.trim();
  expect(url.startsWith(`${deployment.proxy.url}/api/webhooks/whatsapp-cloud/`), url).toBe(true);
  channel = { id, name, webhookPath: new URL(url).pathname };
  const status = page.getByRole("status", { name: "Webhook status of Callback URL", exact: true });
  await expect(status).toHaveAttribute("data-state", "waiting");
  await waitForHydration(page.getByRole("button", { name: "Copy Callback URL", exact: true }));

  const answer = await postCustomerMessage(b.url, "Hello from a customer, during working hours");
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
  // A's page polls its own instance; B's write is what it shows.
  await expect(status).toHaveAttribute("data-state", "receiving");
  // Open now: no automatic reply (and B has now cached this tenant's calendar).
  expect(await query(deployment.shared.databaseUrl, "select id from outbound_messages where channel_id = $1 and kind = 'auto-reply'", [id])).toEqual([]);
});

test("an export created on B runs on the separate worker and downloads from A", async ({ deployment }) => {
  const { a, b } = deployment.instances;
  const created = await context.request.post(`${b.url}/api/exports`, {
    data: { format: "csv", channelIds: [channel.id] },
    headers: { origin: b.url },
  });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  // Neither instance runs a worker (scripts/serve.mjs alone): only the separate one can run it.
  await expect
    .poll(async () => ((await (await context.request.get(`${a.url}/api/exports/${id}`)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe("success");
  const download = await context.request.get(`${a.url}/api/exports/${id}/download`);
  expect(download.status()).toBe(200);
  const csv = await download.text();
  expect(csv).toContain(`${channel.name},WhatsApp,Meta WhatsApp Cloud API (cloud-api)`);
  expect(csv).not.toContain(APP_SECRET);
});

test("a throttle counted on A holds on B", async ({ deployment }) => {
  const { a, b } = deployment.instances;
  const clientId = `multi-instance-${uniqueSuffix()}`;
  const ask = (baseUrl: string) =>
    fetch(`${baseUrl}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong" }),
    });
  // TOKEN_POLICY: ten failures of one (client_id, address) pair back to back, then delays.
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 10; attempt++) statuses.push((await ask(attempt % 2 === 0 ? a.url : b.url)).status);
  expect(statuses).toEqual(Array(10).fill(401));
  for (const instance of [a, b]) {
    const throttled = await ask(instance.url);
    expect(throttled.status, `the 11th attempt, on ${instance.name}`).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  }
});

test("a calendar change made on A changes B's automatic reply at once", async ({ deployment }) => {
  const { b } = deployment.instances;
  const [settings] = await query<{ time_zone: string }>(
    deployment.shared.databaseUrl,
    "select s.time_zone from service_time_settings s join channels c on c.tenant_id = s.tenant_id where c.id = $1",
    [channel.id],
  );
  // No row yet: the default zone (db/schema/service-time.ts). A run across the tenant's midnight may fail; it takes seconds.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: settings?.time_zone ?? "UTC" }).format(new Date());
  const holiday = `Multi-instance holiday ${uniqueSuffix()}`;

  await page.goto("/settings/service-time");
  const form = page.getByRole("form", { name: "Add a non-working day" });
  await waitForHydration(form);
  await form.getByLabel("Date", { exact: true }).fill(today);
  await form.getByLabel("Label", { exact: true }).fill(holiday);
  await submitForm(page, form, "Add");
  await expect(form.getByRole("status")).toHaveText(`${holiday} added.`);
  const changedAt = performance.now();

  // B cached the old calendar in the previous test; the message must see today as closed now.
  const answer = await postCustomerMessage(b.url, "Hello again, on what became a holiday");
  expect(answer.status).toBe(200);
  const elapsed = performance.now() - changedAt;
  const replies = await query<{ text: string }>(deployment.shared.databaseUrl, "select text from outbound_messages where channel_id = $1 and kind = 'auto-reply'", [channel.id]);
  expect(replies.map((reply) => reply.text), "the reply is written with the message, before the 200").toEqual([NOTICE]);
  expect(elapsed, "from A's answer to B's 200 with the reply").toBeLessThan(1_000);
});
