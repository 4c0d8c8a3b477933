import { seedPrerequisites, type ChannelPrerequisites } from "./channel-helpers";
import {
  addKeyword,
  BASE_URLS,
  channelRow,
  chooseVariant,
  createTenantAdmin,
  createThroughWizard,
  draftSaved,
  expectIntegration,
  fieldError,
  fillBasic,
  fillInformation,
  hex,
  label,
  maskPattern,
  message,
  next,
  openNewWizard,
  providerTile,
  saveWizard,
  saveWizardRefused,
  SECRETS,
  uniqueChannelName,
  uniquePhone,
  wizardStep,
} from "./channel-wizard-helpers";
import { expect, MESSAGES, SUPPORT, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";

/*
 * The Configure Channel wizard end to end: one channel of each variant created, seen on step 4,
 * edited with its secrets kept, disabled and deleted; then every rule with a bad value, the
 * server-side refusals, two administrators editing one channel, and a draft surviving a reload.
 */

let prereq: ChannelPrerequisites;
let admin: Account;
let secondAdmin: Account;

test.beforeAll(async ({ browser }, testInfo) => {
  prereq = await seedPrerequisites();
  admin = await createTenantAdmin(browser, testInfo.project.use.baseURL, "a");
  secondAdmin = await createTenantAdmin(browser, testInfo.project.use.baseURL, "b");
});

test.describe("Configure Channel wizard: each variant", () => {
  for (const variant of ["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"] as const) {
    test(`${variant}: create, see step 4, edit keeping secrets, disable, delete`, async ({ signedInPage }) => {
      const page = await signedInPage(admin);
      const name = uniqueChannelName(variant.replace("-", ""));
      const id = await createThroughWizard(page, variant, prereq, { name, keywords: ["agent"], notice: "We are closed." });

      // Step 4: the generated integration values.
      await expect(page.getByTestId("wizard-step-indicator")).toContainText("Channel Integration");
      await expectIntegration(page, variant);

      // Edit from the list: pre-filled, type and provider fixed, secrets masked with Replace.
      const row = await channelRow(page, name);
      await row.getByRole("link", { name: `Edit ${name}`, exact: true }).click();
      await expect(page).toHaveURL(`/channels/${id}/edit`);
      await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
      await expect(providerTile(page, variant)).toBeDisabled();
      await expect(providerTile(page, variant)).toBeChecked();
      await expect(page.locator('input[name="provider"]')).toHaveCount(1);
      for (const secret of SECRETS[variant]) {
        await expect(page.getByTestId(`secret-mask-${secret}`)).toHaveText(maskPattern(secret));
        await expect(page.locator(`#field-${secret}`)).toHaveCount(0);
      }
      await expect(page.locator('input[type="password"]')).toHaveCount(variant === "telegram" ? 1 : 0); // the empty bot token
      await next(page, 2);
      await expect(label(page, "Channel name")).toHaveValue(name);
      const notice = `Back tomorrow ${uniqueSuffix()}`;
      await label(page, "Non-working time notification").fill(notice);
      await next(page, 3);
      await saveWizard(page);

      // The detail page shows the change, and the secrets are still stored (masked).
      await page.goto(`/channels/${id}?tab=configuration`);
      await expect(page.getByText(notice, { exact: true })).toBeVisible();
      for (const secret of SECRETS[variant]) await expect(page.getByTestId(`secret-mask-${secret}`)).toHaveText(maskPattern(secret));

      // Disable, then delete from the list.
      const listed = await channelRow(page, name);
      await listed.getByRole("button", { name: `Disable ${name}`, exact: true }).click();
      await page.getByRole("dialog", { name: `Disable channel ${name}?` }).getByRole("button", { name: "Disable channel", exact: true }).click();
      await expect(listed.getByTestId("channel-status")).toHaveText("Disabled");
      await listed.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
      await page.getByRole("dialog", { name: `Delete channel ${name}?` }).getByRole("button", { name: "Delete channel", exact: true }).click();
      await expect(page.getByTestId("channel-row").filter({ hasText: name })).toHaveCount(0);
    });
  }
});

test.describe("Configure Channel wizard: rules", () => {
  test("step 1: E.164, Twilio Account SID, Telegram and oAuth BaseUrls, the trustlist (with its offer)", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await openNewWizard(page);

    // Nothing chosen: the provider is asked for.
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "provider")).toHaveText(message("channels.validation.chooseOne"));

    await fillInformation(page, "infobip", prereq, { phoneNumber: "0049 151 1234", baseUrl: `https://unlisted-${uniqueSuffix()}.example/api/` });
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "phoneNumber")).toHaveText(message("channels.validation.phoneInvalid"));
    await expect(label(page, "Phone number")).toHaveAttribute("aria-invalid", "true");
    await expect(fieldError(page, "baseUrl")).toHaveText(message("trustlist.errors.notOnTrustlist"));
    const offer = page.getByTestId("trustlist-offer");
    await expect(offer).toBeVisible();
    await expect(offer.getByLabel("URL prefix", { exact: true })).toHaveValue(/^https:\/\/unlisted-.*\.example\/api\/$/);
    await expect(wizardStep(page, 1)).toBeVisible();

    await chooseVariant(page, "twilio");
    await label(page, "Account SID").fill("AC123");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "accountSid")).toHaveText(message("channels.validation.accountSidInvalid"));

    await chooseVariant(page, "other-oAuth");
    await label(page, "BaseUrl").fill("https://bsp.seed.example:8443/api");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "baseUrl")).toHaveText(message("channels.validation.oauthBaseUrlInvalid"));

    await chooseVariant(page, "telegram");
    await label(page, "BaseUrl").fill("https://console.example.com:8443");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "baseUrl")).toHaveText(message("channels.validation.telegramBaseUrlInvalid"));
    await expect(wizardStep(page, 1)).toBeVisible();
  });

  test("step 2: channel name, work-time segments, session timers; step 3: robot without a keyword", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await openNewWizard(page);
    await fillInformation(page, "twilio", prereq);
    await next(page, 2);
    await fillBasic(page, prereq, { name: "1st_channel" });

    // Overlap, start ≥ end, and at most four segments.
    const workday = page.getByTestId("segments-workday");
    await workday.getByRole("button", { name: "New Workday segment", exact: true }).click();
    await label(page, "Workday segment 2 start").fill("12:00");
    await label(page, "Workday segment 2 end").fill("13:00");
    await label(page, "Non-workday segment 1 start").fill("12:00");
    await label(page, "Non-workday segment 1 end").fill("10:00");

    // Session timers of 0 and 5000 minutes.
    await page.getByRole("button", { name: "More", exact: true }).click();
    await label(page, "Session end due to no customer reply").check();
    await label(page, "Minutes without a customer reply").fill("0");
    await label(page, "Closing message").fill("Goodbye");
    await label(page, "Session transfer due to no agent reply").check();
    await label(page, "Minutes without an agent reply").fill("5000");
    await label(page, "Transfer to skill queue").selectOption(prereq.transferQueueId);

    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "name")).toHaveText(message("channels.validation.nameInvalid"));
    await expect(fieldError(page, "workTime.workday.1.start")).toHaveText(message("serviceTime.validation.segmentOverlap"));
    await expect(fieldError(page, "workTime.nonWorkday.0.end")).toHaveText(message("serviceTime.validation.endNotAfterStart"));
    await expect(fieldError(page, "noCustomerReply.minutes")).toHaveText(message("channels.validation.minutesOutOfRange"));
    await expect(fieldError(page, "noAgentReply.minutes")).toHaveText(message("channels.validation.minutesOutOfRange"));
    await expect(label(page, "Minutes without an agent reply")).toHaveAttribute("aria-invalid", "true");
    await expect(wizardStep(page, 2)).toBeVisible();

    const newSegment = workday.getByRole("button", { name: "New Workday segment", exact: true });
    await newSegment.click();
    await newSegment.click();
    await expect(label(page, "Workday segment 4 start")).toBeVisible();
    await expect(newSegment).toBeDisabled();
    await expect(label(page, "Workday segment 5 start")).toHaveCount(0);

    // Fix everything (removing the extra segments), then step 3: the robot needs a transfer keyword.
    await label(page, "Channel name").fill(uniqueChannelName("rules"));
    for (const index of [4, 3, 2]) await workday.getByRole("button", { name: `Remove Workday segment ${index}`, exact: true }).click();
    await expect(workday.getByRole("button", { name: "Remove Workday segment 1", exact: true })).toBeDisabled();
    await label(page, "Non-workday segment 1 end").fill("24:00");
    await label(page, "Minutes without a customer reply").fill("30");
    await label(page, "Minutes without an agent reply").fill("1440");
    await next(page, 3);
    await label(page, "Connecting to the intelligent robot").check();
    await label(page, "Robot name").fill("Helper bot");
    await saveWizardRefused(page);
    await expect(fieldError(page, "robotEnabled")).toHaveText(
      message("channels.validation.transferKeywordRequired"),
    );
    await expect(page).toHaveURL(/\/channels\/new$/);

    // Back keeps what was typed; with a keyword the channel saves.
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await expect(label(page, "Minutes without an agent reply")).toHaveValue("1440");
    await addKeyword(page, "human");
    await next(page, 3);
    await expect(label(page, "Robot name")).toHaveValue("Helper bot");
    await saveWizard(page);
  });

  test("server-side refusals land on their step: duplicate name, a WhatsApp number bound to another channel", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    const name = uniqueChannelName("dup");
    const phoneNumber = uniquePhone();
    await createThroughWizard(page, "twilio", prereq, { name }, { phoneNumber });

    // Same name, another number: refused by Next on step 2 (issue 17), next to the name; everything typed is kept.
    await openNewWizard(page);
    await fillInformation(page, "infobip", prereq, { phoneNumber: uniquePhone() });
    await next(page, 2);
    await fillBasic(page, prereq, { name: name.toUpperCase() });
    await next(page, 2);
    await expect(fieldError(page, "name")).toHaveText(message("channels.errors.nameTaken"));
    await expect(page.getByRole("alert").filter({ hasText: message("core.errors.validation") })).toBeVisible();

    // Another name, the first channel's number (another provider): refused on step 1, next to the phone.
    await label(page, "Channel name").fill(uniqueChannelName("dup2"));
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await label(page, "Phone number").fill(phoneNumber);
    await next(page, 2);
    await next(page, 3);
    await saveWizardRefused(page);
    await expect(wizardStep(page, 1)).toBeVisible();
    await expect(fieldError(page, "phoneNumber")).toHaveText(
      message("channels.errors.numberInUse"),
    );
    // The secrets typed in this session are still there (nothing typed is lost on a failed save).
    await expect(label(page, "Password")).not.toHaveValue("");
  });

  test("two administrators edit one channel: the second save is refused, even after a reload; Reload shows the first one's change", async ({
    signedInPage,
  }) => {
    const first = await signedInPage(admin);
    const name = uniqueChannelName("lock");
    const id = await createThroughWizard(first, "twilio", prereq, { name, notice: "original" });

    const second = await signedInPage(secondAdmin);
    for (const page of [first, second]) {
      await page.goto(`/channels/${id}/edit`);
      await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
      await next(page, 2);
    }
    await label(first, "Non-working time notification").fill("first admin");
    await next(first, 3);
    await saveWizard(first);

    // The second administrator keeps typing after the first one saved; the draft remembers where the edit began.
    const drafted = draftSaved(second, "second admin", `/channels/${id}/edit`);
    await label(second, "Non-working time notification").fill("second admin");
    await drafted;
    await second.reload();
    await expect(second.getByTestId("draft-notice")).toContainText(message("channelWizard.draft.outdated"));
    await waitForHydration(second.getByRole("button", { name: "Next", exact: true }));
    await expect(label(second, "Non-working time notification")).toHaveValue("second admin");
    await next(second, 3);
    await saveWizardRefused(second);
    const stale = second.getByTestId("stale-version");
    await expect(stale).toContainText(message("channels.errors.staleVersion"));
    await stale.getByRole("link", { name: "Reload", exact: true }).click();
    await expect(second.getByTestId("stale-version")).toHaveCount(0);
    await waitForHydration(second.getByRole("button", { name: "Next", exact: true }));
    await expect(second.getByTestId("draft-notice")).toHaveCount(0);
    await next(second, 2);
    await expect(label(second, "Non-working time notification")).toHaveValue("first admin");

    await second.goto(`/channels/${id}?tab=configuration`);
    await expect(second.getByText("first admin", { exact: true })).toBeVisible();
  });

  test("a reload mid-wizard restores the draft (without secrets); Discard starts over", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await openNewWizard(page);
    const phoneNumber = uniquePhone();
    await fillInformation(page, "twilio", prereq, { phoneNumber });
    await next(page, 2);
    const name = uniqueChannelName("draft");
    const saved = draftSaved(page, "operator");
    await label(page, "Channel name").fill(name);
    await label(page, "OU").selectOption(prereq.ouId);
    await label(page, "Skill queue").selectOption(prereq.skillQueueId);
    await addKeyword(page, "operator");
    await saved;

    await page.reload();
    const notice = page.getByTestId("draft-notice");
    await expect(notice).toContainText("Restored your unsaved changes from");
    await expect(notice).toContainText("Passwords, keys and tokens are never kept in drafts");
    await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
    await expect(wizardStep(page, 2)).toBeVisible();
    await expect(label(page, "Channel name")).toHaveValue(name);
    await expect(label(page, "Skill queue")).toHaveValue(prereq.skillQueueId);
    await expect(page.getByTestId("transfer-keywords")).toContainText("operator");
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await expect(label(page, "Phone number")).toHaveValue(phoneNumber);
    await expect(label(page, "Auth Token")).toHaveValue("");

    // The secret is asked for again; typed, the restored channel saves.
    await next(page, 1);
    await expect(fieldError(page, "authToken")).toHaveText(message("channels.validation.required"));
    await label(page, "Auth Token").fill(hex(32));
    await next(page, 2);
    await next(page, 3);
    const id = await saveWizard(page);
    await page.goto(`/channels/${id}`);
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();

    // Once saved the draft is gone; a new draft can be discarded.
    await page.goto("/channels/new");
    await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
    await expect(page.getByTestId("draft-notice")).toHaveCount(0);
    await chooseVariant(page, "infobip");
    const typed = draftSaved(page, "someone");
    await label(page, "UserName").fill("someone");
    await typed;
    await page.reload();
    await expect(page.getByTestId("draft-notice")).toBeVisible();
    await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
    await expect(label(page, "UserName")).toHaveValue("someone");
    await page.getByTestId("draft-notice").getByRole("button", { name: "Discard", exact: true }).click();
    await expect(page.getByTestId("draft-notice")).toHaveCount(0);
    await expect(page.locator('input[name="provider"]:checked')).toHaveCount(0);
    await page.reload();
    await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
    await expect(page.getByTestId("draft-notice")).toHaveCount(0);
  });
});

test("the BaseUrl of cloud-api follows the Phone number ID until edited", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await chooseVariant(page, "cloud-api");
  const baseUrl = label(page, "BaseUrl");
  await expect(baseUrl).toHaveValue("https://graph.facebook.com/v21.0/<phone-number-id>/messages");
  await label(page, "Phone number ID").fill("109876543210");
  await expect(baseUrl).toHaveValue("https://graph.facebook.com/v21.0/109876543210/messages");
  await baseUrl.fill(`${BASE_URLS.infobip}proxy`);
  await label(page, "Phone number ID").fill("1098765432109");
  await expect(baseUrl).toHaveValue(`${BASE_URLS.infobip}proxy`);
});

test("only tenant administrators open the wizard; an unknown or malformed channel id is not found", async ({ signedInPage }) => {
  const support = await signedInPage(SUPPORT);
  await support.goto("/channels/new");
  await expect(support.getByRole("heading", { name: MESSAGES.forbiddenTitle })).toBeVisible();

  const page = await signedInPage(admin);
  for (const id of ["not-a-uuid", "7b3f1c2e-8a4d-4e5f-9a6b-1c2d3e4f5a6b"]) {
    await page.goto(`/channels/${id}/edit`);
    await expect(page.getByRole("heading", { name: MESSAGES.notFoundTitle })).toBeVisible();
  }
});
