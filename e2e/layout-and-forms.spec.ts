import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { request as apiRequest, type Page } from "@playwright/test";
import { fixtureJson } from "../testing/fixtures/webhooks";
import { pathOf } from "./channel-integration-helpers";
import { CHANNEL_PAGE_TABS, seedEachVariant, seedPrerequisites, type ChannelPrerequisites, type SeededChannel } from "./channel-helpers";
import { createTenantAdmin, fillBasic, fillInformation, message, next, openNewWizard, wizardStep } from "./channel-wizard-helpers";
import { expect, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";

/*
 * Issue 17, what a newcomer hit: bug 4 (the channel page on a phone), 7 (the work-time editor's
 * errors), 8 (every language at desktop widths) and 9 (the wizard's trustlist request).
 */

const LOCALES = ["en", "zh", "de", "ru"] as const;
type Locale = (typeof LOCALES)[number];

let prereq: ChannelPrerequisites;
let channels: SeededChannel[];
let admin: Account;

/** The cloud-api channel's App Secret, to sign deliveries as Meta would. */
const APP_SECRET = randomBytes(16).toString("hex");

/**
 * Activity for the cloud-api channel: an accepted delivery and two refused ones fill the webhook
 * attempt log, whose table is what made the page 700–870 px wide on a phone.
 */
async function deliverToMeta(baseURL: string | undefined, channel: SeededChannel): Promise<void> {
  const body = fixtureJson<{ entry: { changes: { value: { messages: { id: string; timestamp: string }[] } }[] }[] }>("meta-text.json");
  const message = body.entry[0]!.changes[0]!.value.messages[0]!;
  message.id = `wamid.layout.${uniqueSuffix()}`;
  message.timestamp = String(Math.floor(Date.now() / 1000));
  const bytes = Buffer.from(JSON.stringify(body));
  const context = await apiRequest.newContext({ baseURL });
  try {
    const valid = `sha256=${createHmac("sha256", APP_SECRET).update(bytes).digest("hex")}`;
    for (const signature of [valid, "sha256=00", undefined]) {
      const headers = { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) };
      await context.post(pathOf(channel.webhookUrls[0]!.url), { data: bytes, headers });
    }
  } finally {
    await context.dispose();
  }
}

test.beforeAll(async ({ browser }, testInfo) => {
  prereq = await seedPrerequisites();
  ({ channels } = await seedEachVariant({ appSecret: APP_SECRET }));
  await deliverToMeta(testInfo.project.use.baseURL, channels.find((each) => each.variant === "cloud-api")!);
  admin = await createTenantAdmin(browser, testInfo.project.use.baseURL, "layout");
});

/** A message of `locale` by its full catalog key. */
function localized(locale: Locale, key: string): string {
  const [namespace, ...rest] = key.split(".");
  const file = path.join(import.meta.dirname, "..", "lib", "i18n", "messages", locale, `${namespace}.json`);
  let node: unknown = JSON.parse(readFileSync(file, "utf8"));
  for (const part of rest) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "string") throw new Error(`no message ${locale}:${key}`);
  return node;
}

/** The language switch of the console: Settings → Language, stored for the user. */
async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.goto("/settings");
  const select = page.locator("#language");
  await waitForHydration(select);
  if ((await select.inputValue()) !== locale) await select.selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** What sticks out of the viewport: the page's width and the widest offenders, to name them in a failure. */
async function pageOverflow(page: Page): Promise<{ width: number; viewport: number; offenders: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > viewport + 1) {
        offenders.push(`${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)} right=${Math.round(box.right)} "${(element.textContent ?? "").trim().slice(0, 40)}"`);
      }
    }
    return { width: document.documentElement.scrollWidth, viewport, offenders: offenders.slice(-8) };
  });
}

/**
 * Header text that cannot be read in full: a table header outside its table's visible area (the
 * table scrolls sideways within the page) or wider than its cell, and page or card headings cut.
 */
async function clippedHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clipped: string[] = [];
    const visible = (element: HTMLElement) => element.getClientRects().length > 0 && element.getBoundingClientRect().width > 1;
    for (const header of Array.from(document.querySelectorAll<HTMLElement>("main th, main h1, main h2, main h3"))) {
      const text = (header.textContent ?? "").trim();
      if (!text || !visible(header)) continue;
      if (header.scrollWidth > header.clientWidth + 1) clipped.push(`"${text}" is wider than its box`);
      const box = header.getBoundingClientRect();
      for (let parent = header.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === "visible") continue;
        const area = parent.getBoundingClientRect();
        if (box.right > area.right + 1 || box.left < area.left - 1) clipped.push(`"${text}" is cut by a scrolling area`);
        break;
      }
    }
    return clipped;
  });
}

/**
 * The page fits the viewport and, at desktop widths, every header can be read. On a phone a wide
 * table may scroll sideways within its own card; the page itself never does.
 * Soft: one run names every page and language that fails, not only the first.
 */
async function expectFits(page: Page, where: string): Promise<void> {
  const overflow = await pageOverflow(page);
  expect.soft(overflow.width, `${where}: the page is wider than the viewport; sticking out: ${overflow.offenders.join(" | ")}`).toBeLessThanOrEqual(overflow.viewport);
  if (overflow.viewport >= 1024) expect.soft(await clippedHeaders(page), `${where}: clipped header text`).toEqual([]);
}

/**
 * Words (Latin or Cyrillic letters only, so not URLs, keys or ids) split across two lines, and
 * elements that may break any word anywhere (`word-break: break-all`).
 */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const main = document.querySelector("main");
    if (!main) return ["no main"];
    for (const element of Array.from(main.querySelectorAll<HTMLElement>("*"))) {
      if (getComputedStyle(element).wordBreak === "break-all") broken.push(`break-all on ${element.tagName.toLowerCase()} "${(element.textContent ?? "").slice(0, 30)}"`);
    }
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const words = /[\p{Script=Latin}\p{Script=Cyrillic}]{2,}/gu;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const parent = node.parentElement;
      if (!parent || parent.closest("code, .sr-only, script, style")) continue;
      // A token (a URL, an id, a key): it may wrap anywhere, so only words within ordinary text count.
      for (const token of text.split(/\s+/)) {
        if (/[\d/:_@.=]/.test(token.replace(/[.,;:!?)]+$/, ""))) continue;
        for (const match of token.matchAll(words)) {
          const start = text.indexOf(token) + (match.index ?? 0);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(`"${match[0]}" in "${text.trim().slice(0, 50)}"`);
        }
      }
    }
    return broken;
  });
}

test.describe("issue 17, bug 4: the channel page on a phone", () => {
  for (const width of [390, 1440]) {
    test(`every variant's channel page fits ${width} px, and no word breaks mid-word`, async ({ signedInPage }) => {
      // Every tab of six channels; a Provider tab may wait for its provider (OUTBOUND_TIMEOUT_MS).
      test.setTimeout(300_000);
      const page = await signedInPage(admin);
      await page.setViewportSize({ width, height: 844 });
      for (const channel of channels) {
        for (const tab of CHANNEL_PAGE_TABS) {
          await page.goto(`/channels/${channel.id}${tab}`);
          await expect(page.getByRole("heading", { level: 1, name: channel.name })).toBeVisible();
          if (channel.variant === "cloud-api" && tab === "") await expect(page.getByTestId("webhook-attempt")).toHaveCount(3);
          await expectFits(page, `${channel.variant}${tab} at ${width} px`);
          expect(await brokenWords(page), `${channel.variant}${tab} at ${width} px: words broken mid-word`).toEqual([]);
        }
      }
    });
  }

  test("a long value keeps its full text and a copy button", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await page.setViewportSize({ width: 390, height: 844 });
    const channel = channels.find((each) => each.webhookUrls.length > 0)!;
    await page.goto(`/channels/${channel.id}?tab=integration`);
    // The path: the host the page shows depends on the server's public address.
    const urlPath = pathOf(channel.webhookUrls[0]!.url);
    const value = page.locator("code").filter({ hasText: urlPath }).first();
    await expect(value).toHaveText(new RegExp(`^https?://[^/]+${urlPath}$`));
    await expect(value).toHaveCSS("overflow-wrap", "anywhere");
    const box = await value.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  });
});

test.describe("issue 17, bug 8: every language at desktop widths", () => {
  test("the German channel list shows its Actions column whole at 1440 px", async ({ browser, baseURL, signedInPage }) => {
    const account = await createTenantAdmin(browser, baseURL, "de1440");
    const page = await signedInPage(account);
    await page.setViewportSize({ width: 1440, height: 900 });
    await switchLanguage(page, "de");
    await page.goto("/channels");
    await expect(page.getByRole("columnheader", { name: localized("de", "channelList.columns.actions") })).toBeVisible();
    await expectFits(page, "de /channels at 1440 px");
  });

  test("no page overflows and no header is cut at 1280 px, in every language", async ({ browser, baseURL, signedInPage }) => {
    test.setTimeout(600_000);
    const account = await createTenantAdmin(browser, baseURL, "languages");
    const page = await signedInPage(account);
    await page.setViewportSize({ width: 1280, height: 800 });
    const channel = channels.find((each) => each.variant === "other-oAuth") ?? channels[0]!;
    const pages = [
      "/channels",
      `/channels/${channel.id}`,
      `/channels/${channel.id}?tab=configuration`,
      `/channels/${channel.id}?tab=integration`,
      `/channels/${channel.id}/integration`,
      "/exports",
      "/settings",
      "/settings/users",
      "/settings/ous",
      "/settings/skill-queues",
      "/settings/service-time",
      "/settings/certificates",
      "/settings/trustlist",
      "/settings/trustlist/approved",
      "/settings/audit",
    ];
    for (const locale of LOCALES) {
      await switchLanguage(page, locale);
      for (const href of pages) {
        await page.goto(href);
        await expect(page.locator("main h1").first()).toBeVisible();
        await expectFits(page, `${locale} ${href}`);
      }
      // The wizard's three steps, on a stored channel (every step is valid, so Next moves on).
      await page.goto(`/channels/${channel.id}/edit`);
      const nextButton = page.getByRole("button", { name: localized(locale, "channelWizard.buttons.next"), exact: true });
      // The previous language's pass left a draft on step 3: start from step 1 again.
      const discard = page.getByTestId("draft-notice").getByRole("button", { name: localized(locale, "channelWizard.draft.discard"), exact: true });
      await waitForHydration(discard.or(nextButton).first());
      if (await discard.isVisible()) {
        await discard.click();
        await expect(page.getByTestId("draft-notice")).toHaveCount(0);
      }
      await waitForHydration(nextButton);
      for (const step of [1, 2, 3] as const) {
        await expect(wizardStep(page, step)).toBeVisible();
        await expectFits(page, `${locale} wizard step ${step}`);
        if (step < 3) await nextButton.click();
      }
    }
  });
});

test.describe("issue 17, bug 7: the work-time editor's errors", () => {
  test("one message per blank segment, an overlap stays reported, one wording for a time", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await openNewWizard(page);
    await fillInformation(page, "twilio", prereq);
    await next(page, 2);
    await fillBasic(page, prereq, { name: `work_${uniqueSuffix()}` });

    const workday = page.getByTestId("segments-workday");
    const segment = (index: number) => workday.locator("ol > li").nth(index);
    const time = (index: number, which: "Start" | "End") => segment(index).locator("input").nth(which === "Start" ? 0 : 1);
    await time(0, "Start").fill("09:00");
    await time(0, "End").fill("12:00");
    await workday.getByRole("button", { name: /^New/ }).click();
    await time(1, "Start").fill("11:00");
    await time(1, "End").fill("13:00");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    const overlap = message("serviceTime.validation.segmentOverlap");
    await expect(workday.getByText(overlap)).toHaveCount(1);

    // The second segment now starts first and still overlaps the first one: still reported.
    await time(1, "Start").fill("08:00");
    await expect(workday.getByText(overlap)).toHaveCount(1);
    await expect(wizardStep(page, 2)).toBeVisible();

    // A new blank segment says what is wrong once, not once per time.
    await workday.getByRole("button", { name: /^New/ }).click();
    await expect(segment(2).getByRole("alert")).toHaveCount(1);
    await expect(time(2, "Start")).toHaveAttribute("aria-invalid", "true");
    await expect(time(2, "End")).toHaveAttribute("aria-invalid", "true");

    // A blank time and a malformed one are the same problem, in the same words.
    await time(2, "Start").fill("9:00");
    await expect(segment(2).getByRole("alert")).toHaveCount(1);
    await expect(segment(2).getByRole("alert")).toHaveText(message("serviceTime.validation.timeInvalid"));

    // Resolved: the overlap goes away once the segments no longer overlap.
    await time(1, "Start").fill("12:00");
    await segment(2).getByRole("button", { name: /^Remove/ }).click();
    await expect(workday.getByText(overlap)).toHaveCount(0);
  });
});

test.describe("issue 17, bug 9: the wizard's trustlist request", () => {
  test("after a request the form closes and shows the request and its status; no second request", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    const host = `unlisted-${uniqueSuffix()}.example`;
    const prefix = `https://${host}/`;
    const requested = localized("en", "trustlist.offer.requested").replace("{prefix}", prefix);
    await openNewWizard(page);
    await fillInformation(page, "infobip", prereq, { baseUrl: `https://${host}/v21.0/1234567890/messages` });
    await page.getByRole("button", { name: "Next", exact: true }).click();
    const offer = page.getByTestId("trustlist-offer");
    const form = offer.getByTestId("trustlist-request-form");
    // The host, not the version, the number id and `/messages`.
    await expect(form.getByLabel("URL prefix", { exact: true })).toHaveValue(prefix);
    await form.getByLabel("Reason", { exact: true }).fill("Our infobip channel");
    await form.getByRole("button", { name: "Request prefix" }).click();

    await expect(offer.getByTestId("trustlist-requested")).toContainText(requested);
    await expect(offer.getByTestId("trustlist-requested")).toContainText("Pending");
    await expect(form).toHaveCount(0);

    // Coming back later: the pending request is shown, not a form that invites a duplicate.
    await openNewWizard(page);
    await fillInformation(page, "infobip", prereq, { baseUrl: `https://${host}/v22.0/99/messages` });
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(offer.getByTestId("trustlist-requested")).toContainText(requested);
    await expect(page.getByTestId("trustlist-request-form")).toHaveCount(0);

    // The server refuses the same prefix again, in words.
    await page.goto(`/settings/trustlist?prefix=${encodeURIComponent(prefix)}`);
    const settingsForm = page.getByTestId("trustlist-request-form");
    await waitForHydration(settingsForm);
    await settingsForm.getByLabel("Reason", { exact: true }).fill("Again");
    await settingsForm.getByRole("button", { name: "Request prefix" }).click();
    await expect(settingsForm.getByText(message("trustlist.errors.alreadyRequested")).first()).toBeVisible();
  });
});
