import { createHmac, randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { fixtureJson } from "../testing/fixtures/webhooks";
import { expectNoSeriousA11yViolations } from "./axe";
import { seedEachVariant, type SeededChannel } from "./channel-helpers";
import { pathOf } from "./channel-integration-helpers";
import { label, next, saveWizard } from "./channel-wizard-helpers";
import { signInAs, SUPPORT, TENANT_ADMIN, test, uniqueSuffix, waitForHydration } from "./fixtures";

/*
 * Issue 17, improvement 5: an administrator replaces a cloud-api channel's App Secret in the edit
 * wizard; Meta's deliveries still signed with the old one keep being accepted (the log says
 * "Previous secret"), the channel page says until when, and "End now" refuses the old one at once.
 */

test.describe.configure({ mode: "serial" });

const OLD_SECRET = randomBytes(16).toString("hex");
const NEW_SECRET = randomBytes(16).toString("hex");
let channel: SeededChannel;
let phoneNumberId = "";

test.beforeAll(async () => {
  const { channels } = await seedEachVariant({ appSecret: OLD_SECRET });
  channel = channels.find((seeded) => seeded.variant === "cloud-api")!;
  expect(channel).toBeDefined();
});

interface MetaTextFixture {
  entry: { changes: { value: { metadata: { phone_number_id: string }; messages: { id: string; timestamp: string; text: { body: string } }[] } }[] }[];
}

/** meta-text.json to the channel's number, as a new message, signed over its exact bytes with `secret`. */
function deliver(request: APIRequestContext, secret: string) {
  const body = fixtureJson<MetaTextFixture>("meta-text.json");
  const value = body.entry[0]!.changes[0]!.value;
  value.metadata.phone_number_id = phoneNumberId;
  value.messages[0]!.id = `wamid.grace.${uniqueSuffix()}`;
  value.messages[0]!.timestamp = String(Math.floor(Date.now() / 1000));
  const bytes = Buffer.from(JSON.stringify(body));
  const webhookPath = pathOf(channel.webhookUrls.find((url) => url.name === "webhook")!.url);
  return request.post(webhookPath, {
    data: bytes,
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(bytes).digest("hex")}` },
  });
}

const notice = (page: Page) => page.locator('[data-testid="secret-grace"]');
const newestAttempt = (page: Page) => page.getByTestId("webhook-attempt").first();

async function expectNoOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

test("a replaced App Secret stays accepted, logged as the previous one, until the administrator ends the grace period", async ({ page, request }) => {
  await signInAs(page, TENANT_ADMIN);
  await page.goto(`/channels/${channel.id}?tab=configuration`);
  phoneNumberId = (await page.getByTestId("channel-field-phoneNumberId").textContent())!.trim();
  await expect(notice(page)).toHaveCount(0);

  // The edit wizard sends a secret only when one is typed: here the App Secret alone.
  await page.goto(`/channels/${channel.id}/edit`);
  await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
  await page.getByRole("button", { name: "Replace App secret", exact: true }).click();
  await label(page, "App secret").fill(NEW_SECRET);
  await next(page, 2);
  await next(page, 3);
  const started = Date.now();
  await saveWizard(page);

  expect((await deliver(request, OLD_SECRET)).status()).toBe(200);
  await page.goto(`/channels/${channel.id}`);
  await expect(newestAttempt(page)).toContainText("Accepted");
  await expect(newestAttempt(page).getByTestId("attempt-credential")).toHaveText("Previous secret (grace period)");
  expect((await deliver(request, NEW_SECRET)).status()).toBe(200);
  await page.reload();
  await expect(newestAttempt(page).getByTestId("attempt-credential")).toHaveText("Current secret");

  // The notice names the secret and its deadline, 24 hours after the save.
  await page.goto(`/channels/${channel.id}?tab=configuration`);
  await expect(notice(page)).toContainText("The previous App secret is still accepted until");
  const deadline = Date.parse((await notice(page).getAttribute("data-until"))!);
  expect(deadline - started).toBeGreaterThan(23.9 * 3600_000);
  expect(deadline - started).toBeLessThan(24.1 * 3600_000);
  await expectNoSeriousA11yViolations(page, "the secret grace notice");
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(notice(page)).toBeVisible();
    await expectNoOverflow(page);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // A shorter period from now, confirmed in a toast and shown at once.
  await waitForHydration(notice(page).getByRole("button", { name: "End now", exact: true }));
  await notice(page).getByLabel("Accept the previous value until", { exact: true }).selectOption({ label: "1 hour from now" });
  await notice(page).getByRole("button", { name: "Set", exact: true }).click();
  await expect(page.getByText("The grace period for the previous App secret was changed.", { exact: true })).toBeVisible();
  await expect
    .poll(async () => Date.parse((await notice(page).getAttribute("data-until"))!) - Date.now())
    .toBeLessThan(3600_000 + 60_000);

  await notice(page).getByRole("button", { name: "End now", exact: true }).click();
  await expect(page.getByText("The previous App secret is no longer accepted.", { exact: true })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);

  expect((await deliver(request, OLD_SECRET)).status()).toBe(403);
  expect((await deliver(request, NEW_SECRET)).status()).toBe(200);
  await page.goto(`/channels/${channel.id}`);
  const attempts = page.getByTestId("webhook-attempt");
  await expect(attempts.nth(0).getByTestId("attempt-credential")).toHaveText("Current secret");
  await expect(attempts.nth(1)).toContainText("Rejected");
  await expect(attempts.nth(1)).toContainText("403");
  await expect(attempts.nth(1).getByTestId("attempt-credential")).toHaveText("");
  await expectNoSeriousA11yViolations(page, "the attempt log with the Verified with column");
});

test("support staff see a running grace period but cannot end it", async ({ page, request, signedInPage }) => {
  // A new grace period, through the same edit.
  const admin = await signedInPage(TENANT_ADMIN);
  await admin.goto(`/channels/${channel.id}/edit`);
  await waitForHydration(admin.getByRole("button", { name: "Next", exact: true }));
  await admin.getByRole("button", { name: "Replace App secret", exact: true }).click();
  await label(admin, "App secret").fill(randomBytes(16).toString("hex"));
  await next(admin, 2);
  await next(admin, 3);
  await saveWizard(admin);
  expect((await deliver(request, NEW_SECRET)).status()).toBe(200);

  await signInAs(page, SUPPORT);
  await page.goto(`/channels/${channel.id}?tab=configuration`);
  await expect(notice(page)).toContainText("The previous App secret is still accepted until");
  await expect(notice(page).getByRole("button")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "the secret grace notice, read-only");
});

test("a regenerated Telegram secret token leaves the old one accepted for the grace period", async ({ page, request }) => {
  const { channels } = await seedEachVariant();
  const telegram = channels.find((seeded) => seeded.variant === "telegram")!;
  const webhookPath = pathOf(telegram.webhookUrls[0]!.url);
  const update = (token: string) => {
    const body = fixtureJson<{ update_id: number }>("telegram-update-text.json");
    body.update_id = Math.floor(Math.random() * 1e9);
    return request.post(webhookPath, { data: JSON.stringify(body), headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": token } });
  };

  await signInAs(page, TENANT_ADMIN);
  await page.goto(`/channels/${telegram.id}?tab=integration`);
  const token = page.getByTestId("integration-token");
  await expect(token).toContainText(telegram.secretToken!);
  const regenerate = page.getByRole("button", { name: "Regenerate secret token", exact: true });
  await waitForHydration(regenerate);
  await regenerate.click();
  await page.getByRole("button", { name: "Regenerate", exact: true }).click();
  await expect(page.getByText(/^A new secret token was made\./)).toBeVisible();
  await expect(token).not.toContainText(telegram.secretToken!);
  const fresh = (await token.textContent())!.match(/[A-Za-z0-9_-]{32,}/)![0];

  expect((await update(telegram.secretToken!)).status()).toBe(200);
  expect((await update(fresh)).status()).toBe(200);
  await page.goto(`/channels/${telegram.id}`);
  const attempts = page.getByTestId("webhook-attempt");
  await expect(attempts.nth(0).getByTestId("attempt-credential")).toHaveText("Current secret");
  await expect(attempts.nth(1).getByTestId("attempt-credential")).toHaveText("Previous secret (grace period)");

  await page.goto(`/channels/${telegram.id}?tab=configuration`);
  await expect(notice(page)).toContainText("The previous secret token is still accepted until");
});
