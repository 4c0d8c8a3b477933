import { createHmac } from "node:crypto";
import { startFakeMeta, type FakeMeta } from "../testing/fake-providers/meta";
import { seedPrerequisites, type ChannelPrerequisites } from "./channel-helpers";
import { pathOf } from "./channel-integration-helpers";
import { chooseVariant, createTenantAdmin, fillBasic, label, next, openNewWizard, saveWizard } from "./channel-wizard-helpers";
import { expect, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";
import { approvePrefix } from "./trustlist-helpers";

/*
 * "Send a test message" in the browser: an administrator sends one on a cloud-api channel; the
 * console's outbound worker sends it through the queue to a fake Graph API on 127.0.0.1 (https,
 * the tests' CA, its prefix approved), the message shows Accepted; then the fake posts Meta's signed
 * status webhooks (delivered, read) to the channel's webhook URL and the page, refreshing by itself,
 * shows Delivered, then Read. A recipient outside the 24-hour window fails with Meta's 131047.
 */

test.describe.configure({ mode: "serial" });

const TOKEN = `EAAGsend${uniqueSuffix()}`;
const NUMBER_ID = "106540352242933";
const APP_SECRET = "0123456789abcdef0123456789abcdef";
const COLD = "4915112345678";

let fake: FakeMeta;
let prereq: ChannelPrerequisites;
let admin: Account;
let channelId: string;

test.beforeAll(async ({ browser, baseURL }) => {
  fake = await startFakeMeta({ tokens: { [TOKEN]: [NUMBER_ID] }, coldRecipients: [COLD] });
  await approvePrefix(browser, baseURL, fake.prefix);
  prereq = await seedPrerequisites();
  admin = await createTenantAdmin(browser, baseURL, "send");
});
test.afterAll(() => fake.close());

async function postStatus(baseURL: string, webhookPath: string, messageId: string, status: "delivered" | "read") {
  const message = fake.messages.find((m) => m.messageId === messageId)!;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783882", phone_number_id: NUMBER_ID }, statuses: [{ id: messageId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: message.to }] } }] }],
  });
  // Meta's own report, signed with the app secret; posted as the fake would, to the console's address.
  const response = await fetch(`${baseURL}${webhookPath}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}` },
  });
  expect(response.status).toBe(200);
}

test("an administrator sends a test message on a cloud-api channel and watches it turn Delivered, then Read", async ({ signedInPage, baseURL }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await chooseVariant(page, "cloud-api");
  await label(page, "App key").fill("640000000000001");
  await label(page, "App secret").fill(APP_SECRET);
  await label(page, "Phone number").fill("+15550783882");
  await label(page, "Phone number ID").fill(NUMBER_ID);
  await label(page, "Access token").fill(TOKEN);
  await label(page, "BaseUrl").fill(`${fake.graphBaseUrl}/${NUMBER_ID}/messages`);
  await label(page, "Trust certificate").selectOption(prereq.trustCertificateId);
  await next(page, 2);
  await fillBasic(page, prereq, { name: `send_cloudapi_${uniqueSuffix()}` });
  await next(page, 3);
  channelId = await saveWizard(page);
  await page.goto(`/channels/${channelId}?tab=integration`);
  const webhookPath = pathOf((await page.getByTestId("integration-url-webhook").textContent())!.trim());
  await page.goto(`/channels/${channelId}`);

  const form = page.getByTestId("test-message-form");
  const send = form.getByRole("button", { name: "Send test message", exact: true });
  await waitForHydration(send);
  // The shared schema answers in the browser first: a number without + is refused before any request.
  await label(page, "Recipient").fill("015799912345");
  await send.click();
  await expect(form).toContainText("Enter the number in E.164 format");
  await label(page, "Recipient").fill("+4915799912345");
  await send.click();
  await expect(form).toContainText('Queued. Follow it under "Outbound messages" below.');

  const row = page.getByTestId("outbound-message").first();
  await expect(row.getByTestId("outbound-status")).toHaveText("Accepted", { timeout: 30_000 });
  expect(fake.messages).toHaveLength(1);
  const messageId = fake.messages[0]!.messageId;

  await postStatus(baseURL!, webhookPath, messageId, "delivered");
  await expect(row.getByTestId("outbound-delivery")).toHaveText("Delivered", { timeout: 15_000 });
  await postStatus(baseURL!, webhookPath, messageId, "read");
  await expect(row.getByTestId("outbound-delivery")).toHaveText("Read", { timeout: 15_000 });
  await expect(page.getByTestId("outbound-refreshing")).toHaveCount(0);
  await expect(page.getByTestId("activity-count-sent")).toHaveText("1");
});

test("outside the 24-hour window Meta's 131047 is shown with what to do", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await page.goto(`/channels/${channelId}`);
  const form = page.getByTestId("test-message-form");
  const send = form.getByRole("button", { name: "Send test message", exact: true });
  await waitForHydration(send);
  await label(page, "Recipient").fill(`+${COLD}`);
  await send.click();
  await expect(form).toContainText("Queued.");
  const row = page.getByTestId("outbound-message").filter({ hasText: `+${COLD}` });
  await expect(row.getByTestId("outbound-status")).toHaveText("Failed", { timeout: 30_000 });
  await expect(row.getByTestId("outbound-error")).toContainText("131047");
  await expect(row.getByTestId("outbound-error")).toContainText("send an approved template instead");
});
