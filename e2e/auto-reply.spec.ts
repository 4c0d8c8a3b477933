import { createHmac } from "node:crypto";
import { metaInbound } from "../testing/fixtures/webhooks/inbound";
import { pathOf } from "./channel-integration-helpers";
import { fillBasic, label, next, openNewWizard, saveWizard } from "./channel-wizard-helpers";
import { fillCloudApiStep, setUpFakeMeta, type FakeMetaSetup, type MetaAccount } from "./fake-meta-helpers";
import { expect, test, uniqueSuffix } from "./fixtures";

/*
 * Issue 16 in the browser: an administrator gives a cloud-api channel hours that exclude now and a
 * non-working-time notification; a customer's signed message arrives at the channel's webhook URL;
 * the console's outbound worker sends the notice to the fake Graph API, and the channel's activity
 * shows it as an automatic reply, Accepted, then Delivered once Meta's signed report comes back.
 * The channel page says when the channel opens.
 *
 * The hours are one minute, six and a half hours from now in UTC: closed now whatever zone the
 * shared Demo tenant is in while this runs (UTC, or Kiritimati during the service-time spec), except
 * a zone at UTC+06:30.
 */

const ACCOUNT: MetaAccount = {
  appId: "640000000016001",
  appSecret: "16161616161616161616161616161616",
  numberId: "106540352216001",
  wabaId: "102290129316001",
  token: `EAAGreply${uniqueSuffix()}`,
};
const NOTICE = `Our agents are resting ${uniqueSuffix()}. We answer when we open.`;
const CUSTOMER = "4915112340016";

let setup: FakeMetaSetup;

test.beforeAll(async ({ browser, baseURL }) => {
  setup = await setUpFakeMeta(browser, baseURL, ACCOUNT, "autoreply");
});
test.afterAll(() => setup?.fake.close());

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

async function postSigned(baseURL: string, webhookPath: string, body: string): Promise<number> {
  const signature = `sha256=${createHmac("sha256", ACCOUNT.appSecret).update(body).digest("hex")}`;
  const response = await fetch(`${baseURL}${webhookPath}`, { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
  return response.status;
}

function metaStatus(messageId: string, status: "delivered" | "read"): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: ACCOUNT.wabaId, changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550716001", phone_number_id: ACCOUNT.numberId }, statuses: [{ id: messageId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: CUSTOMER }] } }] }],
  });
}

test("a customer who writes while the channel is closed gets its notice, shown as an automatic reply that turns Delivered", async ({ signedInPage, baseURL }) => {
  const page = await signedInPage(setup.admin);
  const now = new Date();
  const start = (now.getUTCHours() * 60 + now.getUTCMinutes() + 390) % 1440;
  const hours = { start: hhmm(start), end: hhmm(start + 1) === "00:00" ? "24:00" : hhmm(start + 1) };

  await openNewWizard(page);
  await fillCloudApiStep(page, setup.fake, ACCOUNT, "+15550716001", setup.prereq.trustCertificateId);
  await next(page, 2);
  await fillBasic(page, setup.prereq, { name: `reply_cloudapi_${uniqueSuffix()}`, notice: NOTICE });
  for (const kind of ["Workday", "Non-workday"]) {
    await label(page, `${kind} segment 1 start`).fill(hours.start);
    await label(page, `${kind} segment 1 end`).fill(hours.end);
  }
  await next(page, 3);
  const channelId = await saveWizard(page);

  await page.goto(`/channels/${channelId}?tab=configuration`);
  const status = page.getByTestId("channel-schedule").getByTestId("schedule-status");
  await expect(status).toHaveAttribute("data-open", "false");
  await expect(status).toContainText(`Closed — opens`);
  await expect(status).toContainText(hours.start);
  await page.goto(`/channels/${channelId}?tab=integration`);
  const webhookPath = pathOf((await page.getByTestId("integration-url-webhook").textContent())!.trim());
  await page.goto(`/channels/${channelId}`);

  // The customer writes now; the same customer again a moment later: one reply for the closed period.
  for (const id of [`wamid.reply.${uniqueSuffix()}`, `wamid.reply.${uniqueSuffix()}b`]) {
    expect(await postSigned(baseURL!, webhookPath, metaInbound(ACCOUNT.numberId, { id, from: CUSTOMER, text: "Hello, anyone there?", at: new Date() }))).toBe(200);
  }

  await page.reload();
  const reply = page.getByTestId("outbound-message").filter({ hasText: "Automatic reply" });
  await expect(reply).toHaveCount(1);
  await expect(reply.getByTestId("outbound-status")).toHaveText("Accepted", { timeout: 30_000 });
  const sent = setup.fake.messages.filter((m) => m.text === NOTICE);
  expect(sent.map((m) => m.to)).toEqual([CUSTOMER]);

  expect(await postSigned(baseURL!, webhookPath, metaStatus(sent[0]!.messageId, "delivered"))).toBe(200);
  await expect(reply.getByTestId("outbound-delivery")).toHaveText("Delivered", { timeout: 15_000 });
  await expect(page.getByTestId("outbound-message").filter({ hasText: "Automatic reply" })).toHaveCount(1);
});
