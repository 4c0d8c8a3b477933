import type { Page } from "@playwright/test";
import { fakeBotToken, startFakeBotApi, type FakeBotApi } from "../testing/fake-telegram-bot-api";
import { seedPrerequisites, type ChannelPrerequisites } from "./channel-helpers";
import {
  createTenantAdmin,
  createThroughWizard,
  fieldError,
  fillBasic,
  fillInformation,
  hex,
  label,
  message,
  next,
  openNewWizard,
  saveButton,
  saveWizard,
  uniqueChannelName,
  wizardStep,
} from "./channel-wizard-helpers";
import { expect, newPage, signInAs, TENANT_ADMIN, test, waitForHydration, type Account } from "./fixtures";
import { startTelegramConsole, type TelegramConsole } from "./provider-tools-helpers";
import { approvePrefix } from "./trustlist-helpers";

/*
 * Issue 17, bugs 2 and 3, as a newcomer meets them in the Configure Channel wizard:
 * - a restored draft has no secrets: the step it reopens on says which to type again, each such
 *   field says so, and a save never jumps to another step without an error on the field, focused;
 * - a taken channel name (step 2) and a bot token Telegram does not know (step 1) are answered by
 *   Next on their own step, with Next showing that it is checking, not by the final save.
 */

let prereq: ChannelPrerequisites;
let admin: Account;

test.beforeAll(async ({ browser }, testInfo) => {
  prereq = await seedPrerequisites();
  admin = await createTenantAdmin(browser, testInfo.project.use.baseURL, "newcomer");
});

/** Resolves once the wizard wrote its draft on reaching `step` (drafts are saved on every step change). */
function draftAtStep(page: Page, step: 2 | 3) {
  return page.waitForResponse(
    (response) =>
      response.request().method() === "POST" &&
      response.request().headers()["next-action"] !== undefined &&
      (response.request().postData() ?? "").includes(`"step":${step}`),
  );
}


test("saving a draft restored on step 3 goes to the secrets to type again, with the errors shown and the first focused", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await fillInformation(page, "infobip", prereq);
  await next(page, 2);
  await fillBasic(page, prereq, { name: uniqueChannelName("restored") });
  const drafted = draftAtStep(page, 3);
  await next(page, 3);
  await drafted;

  await page.reload();
  await waitForHydration(saveButton(page));
  await expect(wizardStep(page, 3)).toBeVisible();

  // Saving at once: step 1 opens with the error on each empty secret, the first one focused.
  await saveButton(page).click();
  await expect(wizardStep(page, 1)).toBeVisible();
  for (const field of ["password", "accountKey", "webhookPassword"]) {
    await expect(fieldError(page, field)).toHaveText(message("channels.validation.required"));
    await expect(page.getByTestId(`retype-note-${field}`)).toHaveText(message("channelWizard.retype.note"));
  }
  await expect(label(page, "Password")).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: message("core.errors.validation") })).toBeVisible();
  const summary = page.getByTestId("retype-summary");
  await expect(summary).toContainText(message("channelWizard.retype.summary"));
  await expect(summary.getByRole("listitem")).toHaveText(["Password", "AccountKey", "Webhook password"]);

  // Typed again, each note goes; the summary goes with the last one; the channel saves.
  await label(page, "Password").fill(`pw-${hex(16)}`);
  await expect(page.getByTestId("retype-note-password")).toHaveCount(0);
  await label(page, "AccountKey").fill(`key-${hex(24)}`);
  await label(page, "Webhook password").fill(`webhook-${hex(16)}`);
  await expect(summary).toHaveCount(0);
  await next(page, 2);
  await next(page, 3);
  await saveWizard(page);
});

test("a draft restored on step 2 names the secrets to type again at its top, and leads to them", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await fillInformation(page, "twilio", prereq);
  const drafted = draftAtStep(page, 2);
  await next(page, 2);
  await drafted;
  await page.reload();
  await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
  await expect(wizardStep(page, 2)).toBeVisible();
  const summary = page.getByTestId("retype-summary");
  await expect(summary.getByRole("listitem")).toHaveText(["Auth Token"]);
  await summary.getByRole("button", { name: "Go to step 1", exact: true }).click();
  await expect(wizardStep(page, 1)).toBeVisible();
  await expect(page.getByTestId("retype-note-authToken")).toBeVisible();
  await expect(label(page, "Auth Token")).toHaveValue("");
});

test("a name taken by another channel is answered on step 2 by Next, which shows it is checking", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  const taken = uniqueChannelName("taken");
  await createThroughWizard(page, "twilio", prereq, { name: taken });

  await openNewWizard(page);
  await fillInformation(page, "twilio", prereq);
  await next(page, 2);
  await fillBasic(page, prereq, { name: taken.toUpperCase() });
  // Hold the check's answer back a moment, to see Next while it waits.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/channels/new", async (route) => {
    if (route.request().method() === "POST" && (route.request().postData() ?? "").includes('"step":"basic"')) await held;
    await route.continue();
  });
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const checking = page.getByRole("button", { name: message("channelWizard.buttons.checking"), exact: true });
  await expect(checking).toBeDisabled();
  await expect(checking).toHaveAttribute("aria-busy", "true");
  release();
  await expect(fieldError(page, "name")).toHaveText(message("channels.errors.nameTaken"));
  await expect(wizardStep(page, 2)).toBeVisible();
  await expect(label(page, "Channel name")).toBeFocused();
  await page.unroute("**/channels/new");

  await label(page, "Channel name").fill(uniqueChannelName("free"));
  await next(page, 3);
});

test("a name taken after step 2 was passed: the save goes back to step 2 with the error on the focused name", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  const other = await signedInPage(admin);
  const name = uniqueChannelName("race");
  await openNewWizard(page);
  await fillInformation(page, "twilio", prereq);
  await next(page, 2);
  await fillBasic(page, prereq, { name });
  await next(page, 3);
  // Meanwhile someone else creates a channel with that name.
  await createThroughWizard(other, "twilio", prereq, { name });

  await saveButton(page).click();
  await expect(wizardStep(page, 2)).toBeVisible();
  await expect(fieldError(page, "name")).toHaveText(message("channels.errors.nameTaken"));
  await expect(label(page, "Channel name")).toBeFocused();
});

test.describe("Telegram bot token", () => {
  let bots: FakeBotApi;
  let console_: TelegramConsole;
  let telegramPrereq: ChannelPrerequisites;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(240_000);
    bots = await startFakeBotApi();
    // The shared console would ask the real Bot API; this one asks the fake (e2e/provider-tools-helpers.ts).
    console_ = await startTelegramConsole({ telegramApiBaseUrl: bots.baseUrl, portOffset: 2, dataSuffix: "-wizard-telegram" });
    await approvePrefix(browser, console_.baseUrl, bots.prefix);
    telegramPrereq = await console_.withSeedEnv(() => seedPrerequisites());
  });
  test.afterAll(async () => {
    await console_?.stop();
    await bots?.close();
  });

  test("a token Telegram does not know is answered on step 1 by Next; a known one goes on", async ({ browser }) => {
    const { context, page } = await newPage(browser, console_.baseUrl);
    try {
      await signInAs(page, TENANT_ADMIN);
      await openNewWizard(page);
      await fillInformation(page, "telegram", telegramPrereq);
      await label(page, "Bot token").fill(fakeBotToken());
      await page.getByRole("button", { name: "Next", exact: true }).click();
      await expect(fieldError(page, "botToken")).toHaveText(message("channels.errors.botTokenRejected"));
      await expect(wizardStep(page, 1)).toBeVisible();
      await expect(label(page, "Bot token")).toBeFocused();
      expect(bots.calls.filter((call) => call.method === "getMe")).toHaveLength(1);

      const bot = bots.addBot(`wizard_${hex(6)}_bot`);
      await label(page, "Bot token").fill(bot.token);
      await next(page, 2);
      expect(bots.calls.at(-1)).toMatchObject({ method: "getMe", token: bot.token });
      // Back and on again with the same token: Telegram is not asked twice.
      await page.getByRole("button", { name: "Back", exact: true }).click();
      await next(page, 2);
      expect(bots.calls.filter((call) => call.method === "getMe")).toHaveLength(2);
      expect(await page.content()).not.toContain(bot.token.split(":")[1]);
    } finally {
      await context.close();
    }
  });
});
