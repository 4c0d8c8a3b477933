import type { FakeMeta } from "../testing/fake-providers/meta";
import type { ChannelPrerequisites } from "./channel-helpers";
import { label, next, saveWizard } from "./channel-wizard-helpers";
import { createCloudApiChannel, setUpFakeMeta, type MetaAccount } from "./fake-meta-helpers";
import { expect, SUPPORT, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";

/*
 * "Check connection" in the browser, against a fake Graph API on 127.0.0.1 (https, the tests' CA),
 * which the console reaches only because a system administrator approved its prefix: a cloud-api
 * channel made in the wizard passes every step; with a wrong access token typed into the wizard,
 * the credentials step fails with Meta's own code and message; the list shows the health mark.
 */

test.describe.configure({ mode: "serial" });

const TOKEN = `EAAGe2e${uniqueSuffix()}`;
const ACCOUNT: MetaAccount = {
  token: TOKEN,
  numberId: "106540352242922",
  wabaId: "102290129340398",
  appId: "640000000000001",
  appSecret: "0123456789abcdef0123456789abcdef",
};
const PHONE = "+15550783881";

let fake: FakeMeta;
let prereq: ChannelPrerequisites;
let admin: Account;
let channelId: string;
const name = `check_cloudapi_${uniqueSuffix()}`;

test.beforeAll(async ({ browser, baseURL }) => {
  ({ fake, prereq, admin } = await setUpFakeMeta(browser, baseURL, ACCOUNT, "check"));
  // Already subscribed: the webhook step has something to confirm.
  fake.admin.subscriptions.set(ACCOUNT.wabaId, new Set([ACCOUNT.appId]));
});
test.afterAll(() => fake.close());

const step = (page: import("@playwright/test").Page, stepName: string) => page.getByTestId(`check-step-${stepName}`);
const STEPS = ["address", "tcp", "tls", "credentials", "identity", "webhook"];

test("an administrator checks a cloud-api channel: every step passes against the fake Graph API", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  channelId = await createCloudApiChannel(page, { fake, prereq }, ACCOUNT, { name, phone: PHONE });

  // The integration step offers the check too; the channel page's Integration tab is where the result stays.
  await expect(page.getByTestId("connection-check")).toContainText("This channel has never been checked.");
  await page.goto(`/channels/${channelId}?tab=integration`);
  const button = page.getByRole("button", { name: "Check connection", exact: true });
  await waitForHydration(button);
  await button.click();
  await expect(page.getByTestId("connection-check-outcome")).toHaveAttribute("data-outcome", "passed", { timeout: 30_000 });
  for (const s of STEPS) await expect(step(page, s)).toHaveAttribute("data-outcome", "passed");
  await expect(step(page, "identity")).toContainText("Acme Support");
  await expect(page.getByTestId("connection-check-outcome")).toContainText("Last checked");
  expect(fake.messages).toHaveLength(0);

  // Kept: a reload shows the same result with its time.
  await page.reload();
  await expect(page.getByTestId("connection-check-outcome")).toHaveAttribute("data-outcome", "passed");

  // The list marks the channel's health.
  await page.goto(`/channels?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("channel-row").filter({ hasText: name }).getByTestId("connection-health")).toHaveAttribute("data-outcome", "passed");
});

test("with a wrong access token, the credentials step fails with Meta's code and message, and the rest is skipped", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await page.goto(`/channels/${channelId}/edit`);
  const replace = page.getByRole("button", { name: "Replace Access token", exact: true });
  await waitForHydration(replace);
  await replace.click();
  await label(page, "Access token").fill(`${TOKEN}-revoked`);
  await next(page, 2);
  await next(page, 3);
  await saveWizard(page);

  const button = page.getByRole("button", { name: "Check connection", exact: true });
  await waitForHydration(button);
  await button.click();
  await expect(page.getByTestId("connection-check-outcome")).toHaveAttribute("data-outcome", "failed", { timeout: 30_000 });
  const credentials = step(page, "credentials");
  await expect(credentials).toHaveAttribute("data-outcome", "failed");
  await expect(credentials).toContainText("Provider code 190");
  await expect(credentials).toContainText("Invalid OAuth access token - Cannot parse access token");
  await expect(credentials).toContainText("The provider refused the credentials.");
  for (const s of ["address", "tcp", "tls"]) await expect(step(page, s)).toHaveAttribute("data-outcome", "passed");
  for (const s of ["identity", "webhook"]) await expect(step(page, s)).toHaveAttribute("data-outcome", "skipped");
  await expect(page.getByText(`${TOKEN}-revoked`)).toHaveCount(0);

  await page.goto(`/channels?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("channel-row").filter({ hasText: name }).getByTestId("connection-health")).toHaveAttribute("data-outcome", "failed");
});

test("the list checks the ticked channels with progress; support staff see the result but no button", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await page.goto(`/channels?q=${encodeURIComponent(name)}`);
  const row = page.getByTestId("channel-row").filter({ hasText: name });
  const tick = row.getByRole("checkbox");
  await waitForHydration(tick);
  await tick.check();
  await page.getByTestId("bulk-connection-check").click();
  await expect(page.getByTestId("bulk-check-summary")).toContainText("Checked 1: 0 passed, 0 with warnings, 1 failed.", { timeout: 30_000 });
  await expect(row.getByTestId("connection-health")).toHaveAttribute("data-outcome", "failed");

  const support = await signedInPage(SUPPORT);
  await support.goto(`/channels/${channelId}?tab=integration`);
  await expect(support.getByTestId("connection-check-outcome")).toHaveAttribute("data-outcome", "failed");
  await expect(support.getByText("Only tenant administrators can run a check; you see the last result.")).toBeVisible();
  await expect(support.getByRole("button", { name: "Check connection", exact: true })).toHaveCount(0);
  await support.goto(`/channels?q=${encodeURIComponent(name)}`);
  await expect(support.getByTestId("bulk-connection-check")).toHaveCount(0);
});
