import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import type { ChannelPrerequisites } from "./channel-helpers";
import { createUser, DEMO_PASSWORD, expect, newPage, signInAs, SYSTEM_ADMIN, uniqueSuffix, UUID_PATTERN, waitForHydration, type Account } from "./fixtures";

/*
 * Driving the Configure Channel wizard (/channels/new, /channels/<id>/edit) the way an
 * administrator does: by labels, with values that are unique per run (channel names per tenant,
 * WhatsApp numbers across the whole installation).
 */

/**
 * An English message by its full catalog key ("channels.validation.phoneInvalid"): the spec checks
 * that the right rule answered, whatever its current wording.
 */
export function message(key: string): string {
  const [namespace, ...rest] = key.split(".");
  const file = path.join(import.meta.dirname, "..", "lib", "i18n", "messages", "en", `${namespace}.json`);
  let node: unknown = JSON.parse(readFileSync(file, "utf8"));
  for (const part of rest) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "string") throw new Error(`no message ${key}`);
  return node;
}

export type Variant = "infobip" | "other-basic" | "other-oAuth" | "cloud-api" | "twilio" | "telegram";

export const hex = (length: number) => randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);

/** A WhatsApp number nobody else uses: +44 7 and nine random digits. */
export const uniquePhone = () => `+447${String(randomInt(0, 1_000_000_000)).padStart(9, "0")}`;

export const uniqueChannelName = (prefix: string) => `wiz_${prefix}_${uniqueSuffix()}`;

/** The seed's approved BaseUrls (testing/seed/prerequisites.ts SEED_BASE_URLS). */
export const BASE_URLS = {
  infobip: "https://seed.api.infobip.com/",
  "other-basic": "https://bsp.seed.example/",
  "other-oAuth": "https://bsp.seed.example:8443/apiaccess/rest/ccmessaging",
  telegram: "https://203.0.113.10:8443",
} as const;

/** A fresh tenant administrator of the Demo tenant, so drafts (kept per user) are this spec's own. */
export async function createTenantAdmin(browser: Browser, baseURL: string | undefined, label: string): Promise<Account> {
  const { context, page } = await newPage(browser, baseURL);
  try {
    await signInAs(page, SYSTEM_ADMIN);
    const suffix = uniqueSuffix();
    const account: Account = {
      email: `wizard-${label}-${suffix}@demo.example`,
      name: `Wizard ${label} ${suffix}`,
      password: DEMO_PASSWORD,
      roleLabel: "Tenant administrator",
      tenantLabel: "Demo",
    };
    await createUser(page, { email: account.email, name: account.name, role: "tenant_admin", tenantName: "Demo", password: account.password });
    return account;
  } finally {
    await context.close();
  }
}

export const wizardStep = (page: Page, step: 1 | 2 | 3) => page.getByTestId(`wizard-step-${step}`);

/** A field's error text, found by the field's stable id (`field-<path>`). */
export const fieldError = (page: Page, name: string) => page.locator(`#field-${name.replace(/\./g, "-")}-error`);

export const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });

/** Opens an empty wizard: a draft left by an earlier test is discarded first. */
export async function openNewWizard(page: Page): Promise<void> {
  await page.goto("/channels/new");
  await waitForHydration(page.getByRole("button", { name: /^(Next|Create channel)$/ }));
  const notice = page.getByTestId("draft-notice");
  if (await notice.isVisible()) {
    await notice.getByRole("button", { name: "Discard", exact: true }).click();
    await expect(notice).toHaveCount(0);
  }
  await expect(wizardStep(page, 1)).toBeVisible();
}

/** A provider tile's radio on step 1 (one per variant). */
export const providerTile = (page: Page, variant: Variant) => page.getByTestId(`provider-tile-${variant}`).getByRole("radio");

/** Chooses the variant's provider tile; its fields appear. */
export async function chooseVariant(page: Page, variant: Variant): Promise<void> {
  await providerTile(page, variant).check();
  await expect(page.getByTestId(`provider-fields-${variant}`)).toBeVisible();
}

export interface InformationInput {
  phoneNumber?: string;
  baseUrl?: string;
  userName?: string;
}

/** Fills step 1 of `variant` with valid values (the seed's prerequisites, fresh secrets). */
export async function fillInformation(page: Page, variant: Variant, prereq: ChannelPrerequisites, input: InformationInput = {}): Promise<void> {
  await chooseVariant(page, variant);
  const fill = (text: string, value: string) => label(page, text).fill(value);
  const certificates = async (identity: boolean) => {
    await label(page, "Trust certificate").selectOption(prereq.trustCertificateId);
    if (identity) await label(page, "Identity certificate").selectOption(prereq.identityCertificateId);
  };
  switch (variant) {
    case "infobip":
    case "other-basic":
      await fill("Phone number", input.phoneNumber ?? uniquePhone());
      await fill("UserName", input.userName ?? `user_${hex(6)}`);
      await fill("Password", `pw-${hex(16)}`);
      await fill("BaseUrl", input.baseUrl ?? BASE_URLS[variant]);
      await fill(variant === "infobip" ? "AccountKey" : "Authentication key", `key-${hex(24)}`);
      await fill("Webhook password", `webhook-${hex(16)}`);
      await certificates(variant === "other-basic");
      break;
    case "other-oAuth":
      await fill("UserName", prereq.apiApp.appKey);
      await fill("Password", prereq.apiApp.appSecret);
      await fill("BaseUrl", input.baseUrl ?? BASE_URLS["other-oAuth"]);
      await fill("Webhook password", `webhook-${hex(16)}`);
      await certificates(false);
      break;
    case "cloud-api":
      await fill("App key", String(randomInt(100_000_000, 999_999_999)));
      await fill("App secret", hex(32));
      await fill("Phone number", input.phoneNumber ?? uniquePhone());
      await fill("Phone number ID", String(randomInt(100_000_000, 999_999_999)));
      await fill("Access token", `EAAG${hex(40)}`);
      if (input.baseUrl) await fill("BaseUrl", input.baseUrl);
      await certificates(false);
      break;
    case "twilio":
      await fill("Phone number", input.phoneNumber ?? uniquePhone());
      await fill("Confirmation phone number", uniquePhone());
      await fill("Account SID", `AC${hex(32)}`);
      await fill("Auth Token", hex(32));
      await label(page, "Chat language").selectOption("de");
      break;
    case "telegram":
      await fill("App key", prereq.apiApp.appKey);
      await fill("App secret", prereq.apiApp.appSecret);
      await fill("BaseUrl", input.baseUrl ?? BASE_URLS.telegram);
      await certificates(true);
      break;
  }
}

export interface BasicInput {
  name: string;
  keywords?: string[];
  notice?: string;
}

export async function fillBasic(page: Page, prereq: ChannelPrerequisites, input: BasicInput): Promise<void> {
  await expect(wizardStep(page, 2)).toBeVisible();
  await label(page, "Channel name").fill(input.name);
  await label(page, "OU").selectOption(prereq.ouId);
  await label(page, "Skill queue").selectOption(prereq.skillQueueId);
  for (const keyword of input.keywords ?? []) await addKeyword(page, keyword);
  if (input.notice !== undefined) await label(page, "Non-working time notification").fill(input.notice);
}

export async function addKeyword(page: Page, keyword: string): Promise<void> {
  await label(page, "Keyword for transfer to agent").fill(keyword);
  await page.getByRole("button", { name: "Add keyword", exact: true }).click();
  await expect(page.getByTestId("transfer-keywords").getByText(keyword, { exact: true })).toBeVisible();
}

export async function next(page: Page, expectStep: 1 | 2 | 3): Promise<void> {
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(wizardStep(page, expectStep)).toBeVisible();
}

/** Step 3's submit: "Create channel" for a new channel, "Save changes" for an edit. */
export const saveButton = (page: Page) => page.getByRole("button", { name: /^(Create channel|Save changes)$/ });

/** Step 3's submit, expecting the save to succeed; answers the channel id from step 4's URL. */
export async function saveWizard(page: Page): Promise<string> {
  await saveButton(page).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}\/integration$/, { timeout: 30_000 });
  const id = new URL(page.url()).pathname.split("/")[2]!;
  expect(id).toMatch(UUID_PATTERN);
  return id;
}

/** Step 3's submit expecting a refusal: the button is usable again once the answer is shown. */
export async function saveWizardRefused(page: Page): Promise<void> {
  await saveButton(page).click();
  await expect(saveButton(page).or(page.getByRole("button", { name: "Next", exact: true }))).toBeEnabled();
}

/** Creates a channel of `variant` through the whole wizard; answers its id. */
export async function createThroughWizard(
  page: Page,
  variant: Variant,
  prereq: ChannelPrerequisites,
  basic: BasicInput,
  information: InformationInput = {},
): Promise<string> {
  await openNewWizard(page);
  await fillInformation(page, variant, prereq, information);
  await next(page, 2);
  await fillBasic(page, prereq, basic);
  await next(page, 3);
  return saveWizard(page);
}

/** The channel's row on the list, found by searching its name. */
export async function channelRow(page: Page, name: string): Promise<Locator> {
  await page.goto(`/channels?q=${encodeURIComponent(name)}`);
  const row = page.getByTestId("channel-row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await waitForHydration(row.getByRole("button", { name: `Delete ${name}`, exact: true }));
  return row;
}

// ---- What the spec expects per variant ----

/** The integration URLs each variant shows on step 4. */
export const URLS: Record<Variant, string[]> = {
  infobip: ["message", "report"],
  "other-basic": ["message", "report"],
  "other-oAuth": ["message", "report"],
  "cloud-api": ["webhook"],
  twilio: ["message", "status"],
  telegram: ["message"],
};

/** Stored secrets each variant shows masked when edited (Telegram's bot token was left empty). */
export const SECRETS: Record<Variant, string[]> = {
  infobip: ["password", "accountKey", "webhookPassword"],
  "other-basic": ["password", "authenticationKey", "webhookPassword"],
  "other-oAuth": ["password", "webhookPassword"],
  "cloud-api": ["appSecret", "accessToken"],
  twilio: ["authToken"],
  telegram: ["appSecret"],
};

/** What a stored secret shows: a password only "Set", a generated token or key at most its last four. */
export function maskPattern(field: string): RegExp {
  return field === "password" || field === "webhookPassword" ? /^Set$/ : /^•+.{0,4}$/;
}

/** Resolves once a draft carrying `text` was written (the debounced autosave, about a second after typing). */
export function draftSaved(page: Page, text: string, pathname = "/channels/new") {
  return page.waitForResponse(
    (response) =>
      response.request().method() === "POST" &&
      response.request().headers()["next-action"] !== undefined &&
      (response.request().postData() ?? "").includes(text) &&
      new URL(response.url()).pathname === pathname,
  );
}

export async function expectIntegration(page: Page, variant: Variant): Promise<void> {
  for (const name of URLS[variant]) await expect(page.getByTestId(`integration-url-${name}`)).toContainText("/api/webhooks/");
  const token = page.getByTestId("integration-token");
  if (variant === "cloud-api" || variant === "telegram") await expect(token).not.toBeEmpty();
  else await expect(token).toHaveCount(0);
}
