import { createHmac, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fixtureJson } from "../testing/fixtures/webhooks";
import { seedEachVariant, type SeededChannel } from "./channel-helpers";
import { pathOf } from "./channel-integration-helpers";
import { signInAs, TENANT_ADMIN, uniqueSuffix, waitForHydration } from "./fixtures";

/*
 * Issue 5's "Channel activity": the Channel Integration step's live webhook status turns from
 * "waiting" to "receiving" when a signed Meta delivery arrives (without a reload), and the channel
 * page then shows the message, the counters and the webhook attempt log, rejections included.
 */

test.describe.configure({ mode: "serial" });

/** The cloud-api channel's App Secret: the seed stores it, the test signs with it as Meta would. */
const APP_SECRET = randomBytes(16).toString("hex");
let channel: SeededChannel;

test.beforeAll(async () => {
  const { channels } = await seedEachVariant({ appSecret: APP_SECRET });
  channel = channels.find((seeded) => seeded.variant === "cloud-api")!;
  expect(channel).toBeDefined();
});

interface MetaTextFixture {
  entry: { changes: { value: { metadata: { phone_number_id: string }; messages: { id: string; timestamp: string; text: { body: string } }[] } }[] }[];
}

/** meta-text.json addressed to the channel's number, as a new message sent now. */
function metaDelivery(phoneNumberId: string, text: string): Buffer {
  const body = fixtureJson<MetaTextFixture>("meta-text.json");
  const value = body.entry[0]!.changes[0]!.value;
  value.metadata.phone_number_id = phoneNumberId;
  const message = value.messages[0]!;
  message.id = `wamid.e2e.${uniqueSuffix()}`;
  message.timestamp = String(Math.floor(Date.now() / 1000));
  message.text.body = text;
  return Buffer.from(JSON.stringify(body));
}

/** Posts the exact bytes, signed over those bytes (or with a forged signature), to the path the page shows. */
async function postToWebhook(request: APIRequestContext, path: string, body: Buffer, signature?: string) {
  return request.post(path, {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signature ?? `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`,
    },
  });
}

const liveStatus = (page: Page) => page.getByRole("status", { name: "Webhook status of Callback URL", exact: true });

test("the live status turns to receiving without a reload, and the channel page shows the message and the attempt log", async ({ page, request }) => {
  // Times are formatted on the server and again in the browser, in the tenant's zone: they must agree.
  const consoleErrors: string[] = [];
  page.on("console", (message) => void (message.type() === "error" && consoleErrors.push(message.text())));
  await signInAs(page, TENANT_ADMIN);
  await page.goto(`/channels/${channel.id}?tab=configuration`);
  const phoneNumberId = (await page.getByTestId("channel-field-phoneNumberId").textContent())!.trim();
  expect(phoneNumberId).toMatch(/^\d{15}$/);
  await page.goto(`/channels/${channel.id}`);
  await expect(page.getByTestId("activity-count-received")).toHaveText("0");
  await expect(page.getByTestId("channel-activity")).toContainText("No calls yet.");

  await page.goto(`/channels/${channel.id}/integration`);
  const status = liveStatus(page);
  await expect(status).toHaveText("Waiting for the first call");
  await expect(status).toHaveAttribute("data-state", "waiting");
  const webhookPath = pathOf((await page.getByTestId("integration-url-webhook").textContent())!.trim());
  expect(webhookPath).toMatch(/^\/api\/webhooks\/whatsapp-cloud\/[A-Za-z0-9_-]{32}$/);
  // The poller runs once React has hydrated the page; the marker proves no reload happens after.
  await waitForHydration(page.getByRole("button", { name: "Copy Callback URL", exact: true }));
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const text = `Activity check ${uniqueSuffix()}`;
  const stored = await postToWebhook(request, webhookPath, metaDelivery(phoneNumberId, text));
  expect(stored.status()).toBe(200);
  expect(await stored.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
  await expect(status).toHaveAttribute("data-state", "receiving");
  await expect(status).toHaveText(/^Receiving, last call at .+$/);

  // A forged call: refused, and its reason appears live as the newest event on the URL.
  const forged = await postToWebhook(request, webhookPath, metaDelivery(phoneNumberId, "forged"), `sha256=${"0".repeat(64)}`);
  expect(forged.status()).toBe(403);
  await expect(page.getByTestId("webhook-rejection-webhook")).toHaveText(/^Last rejected at .+: Signature mismatch$/);
  await expect(status).toHaveAttribute("data-state", "receiving");
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  // Reload: the status is now rendered on the server with times, then hydrated.
  await page.reload();
  await expect(page.getByTestId("webhook-rejection-webhook")).toHaveText(/Signature mismatch$/);
  await waitForHydration(page.getByRole("button", { name: "Copy Callback URL", exact: true }));
  expect(consoleErrors.filter((text) => /hydrat|react.dev\/errors\/4(18|19|23|25)/i.test(text))).toEqual([]);

  await page.getByRole("link", { name: "Done", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/channels/${channel.id}$`));
  const activity = page.getByTestId("channel-activity");
  await expect(page.getByTestId("activity-count-received")).toHaveText("1");
  await expect(page.getByTestId("activity-count-sent")).toHaveText("0");
  const event = page.getByTestId("activity-event").filter({ hasText: text });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText("Message");
  await expect(event).toContainText("Sheena Nelson");
  await expect(activity).not.toContainText("forged");

  const attempts = page.getByTestId("webhook-attempt");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText("Rejected");
  await expect(attempts.nth(0)).toContainText("403");
  await expect(attempts.nth(0)).toContainText("Signature mismatch");
  await expect(attempts.nth(1)).toContainText("Accepted");
  await expect(attempts.nth(1)).toContainText("200");
  await expect(attempts.nth(1)).toContainText("1 stored, 0 duplicate, 0 for another number");
});

test("the period filter is in the URL and changes the counters", async ({ page }) => {
  await signInAs(page, TENANT_ADMIN);
  await page.goto(`/channels/${channel.id}`);
  await expect(page.getByTestId("activity-count-received")).toHaveText("1");

  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Last 24 hours", exact: true }).click();
  await expect(page).toHaveURL(/[?&]period=24h/);
  await expect(page.getByRole("link", { name: "Last 24 hours", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("activity-count-received")).toHaveText("1");

  // Whole days long before the message: nothing received then.
  await page.goto(`/channels/${channel.id}?period=custom&from=2024-01-01&to=2024-01-31`);
  await expect(page.getByText("Counts for Jan 1, 2024 – Jan 31, 2024", { exact: true })).toBeVisible();
  await expect(page.getByTestId("activity-count-received")).toHaveText("0");

  // A reversed range is explained, and the default period shown instead.
  await page.goto(`/channels/${channel.id}?period=custom&from=2024-02-01&to=2024-01-01`);
  await expect(page.getByTestId("channel-activity").getByRole("alert")).toHaveText("The start date is after the end date, so the last 7 days are shown.");
  await expect(page.getByText("Counts for Last 7 days", { exact: true })).toBeVisible();
  await expect(page.getByTestId("activity-count-received")).toHaveText("1");
});

test("the webhook status route answers only a signed-in user of the channel's tenant", async ({ request }) => {
  const response = await request.get(`/api/channels/${channel.id}/webhook-status`);
  expect(response.status()).toBe(401);
  expect(await response.text()).not.toContain("lastAcceptedAt");
});
