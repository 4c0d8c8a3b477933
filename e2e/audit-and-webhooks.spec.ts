import { randomBytes } from "node:crypto";
import { seedEachVariant, type SeededChannel } from "./channel-helpers";
import { pathOf } from "./channel-integration-helpers";
import { createTenantAdmin, label, next, saveWizard } from "./channel-wizard-helpers";
import { createTenant, createUser, DEMO_PASSWORD, expect, newPage, signInAs, SYSTEM_ADMIN, test, uniqueSuffix, UUID_PATTERN, waitForHydration, type Account } from "./fixtures";

/*
 * Issue 17, bugs 5 and 11 at 1440 px. The audit log records every changed field of a channel edit,
 * names what it shows, and filters by who, what and when from the URL without crossing tenants;
 * a webhook to a disabled channel answers the same neutral 404 as an unknown URL, and the
 * channel's log says both why it was refused and what the caller was told.
 */

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: "serial" });

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let channels: SeededChannel[];
let editor: Account;
/** The editor's user id, as the Who filter put it in the URL. */
let editorId = "";

test.beforeAll(async ({ browser, baseURL }) => {
  ({ channels } = await seedEachVariant());
  editor = await createTenantAdmin(browser, baseURL, "audit");
});

test("a channel edit shows every changed field with names, and the log filters by who, what and when", async ({ signedInPage }) => {
  const channel = channels.find((seeded) => seeded.variant === "infobip")!;
  const page = await signedInPage(editor);
  await page.goto(`/channels/${channel.id}/edit`);
  await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
  await next(page, 2);
  const notice = `Closed until Monday ${uniqueSuffix()}`;
  await label(page, "Non-working time notification").fill(notice);
  await next(page, 3);
  await saveWizard(page);

  await page.goto("/settings/audit");
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await waitForHydration(filters.getByRole("button", { name: "Filter", exact: true }));
  await filters.getByLabel("Who", { exact: true }).selectOption({ label: editor.email });
  await filters.getByLabel("Action", { exact: true }).selectOption("channel.update");
  await filters.getByLabel("Target type", { exact: true }).selectOption({ label: "Channel" });
  await filters.getByLabel("From", { exact: true }).fill(day(-1));
  await filters.getByLabel("To", { exact: true }).fill(day(1));
  await filters.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/[?&]action=channel\.update/);
  expect(new URL(page.url()).searchParams.get("target")).toBe("channel");
  editorId = new URL(page.url()).searchParams.get("actor") ?? "";

  // Only this editor's one edit: the target by name, the changed notice old → new, no artefacts, no raw ids.
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row.getByTestId("audit-target")).toHaveText(`Channel ${channel.name}`);
  await expect(row.getByTestId("audit-change").filter({ hasText: "nonWorkingNotice:" })).toContainText(`→ ${notice}`);
  const text = (await row.textContent()) ?? "";
  expect(text).not.toContain("∅");
  expect(text).not.toMatch(UUID_IN_TEXT);

  // The filters live in the URL: a reload shows the same view.
  await page.reload();
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByRole("form", { name: "Filter the audit log" }).getByLabel("Action", { exact: true })).toHaveValue("channel.update");
});

test("a bad filter says what is wrong, and an administrator of another tenant sees none of Demo's entries or names", async ({ browser, baseURL, signedInPage }) => {
  const page = await signedInPage(editor);
  const response = await page.goto("/settings/audit?from=yesterday&actor=me");
  expect(response?.status()).toBe(200);
  const alert = page.getByTestId("audit-filter-errors");
  await expect(alert).toContainText("“Who” is not a user id.");
  await expect(alert).toContainText("A date must be a calendar date (YYYY-MM-DD).");
  await expect(page.getByTestId("audit-row")).toHaveCount(0);

  // Another tenant's administrator asks for the Demo editor's entries by id.
  const { context, page: system } = await newPage(browser, baseURL);
  await signInAs(system, SYSTEM_ADMIN);
  const tenantName = `Audit other ${uniqueSuffix()}`;
  await createTenant(system, tenantName);
  expect(editorId).toMatch(UUID_PATTERN);
  const outsider: Account = { email: `audit-outsider-${uniqueSuffix()}@other.example`, name: "Audit outsider", password: DEMO_PASSWORD, roleLabel: "Tenant administrator", tenantLabel: tenantName };
  await createUser(system, { email: outsider.email, name: outsider.name, role: "tenant_admin", tenantName, password: outsider.password });
  await context.close();

  const theirs = await signedInPage(outsider);
  await theirs.goto(`/settings/audit?actor=${editorId}`);
  await expect(theirs.getByText("No entries match these filters.", { exact: true })).toBeVisible();
  await theirs.goto("/settings/audit");
  const html = await theirs.content();
  expect(html).not.toContain(editor.email);
  for (const channel of channels) expect(html).not.toContain(channel.name);
  await expect(theirs.getByRole("form", { name: "Filter the audit log" }).getByLabel("Who", { exact: true }).locator("option", { hasText: editor.email })).toHaveCount(0);
});

test("a webhook to a disabled channel answers the neutral 404 of an unknown URL, and the channel's log says why and what was answered", async ({ signedInPage, request }) => {
  const channel = channels.find((seeded) => seeded.variant === "cloud-api")!;
  const page = await signedInPage(editor);
  await page.goto(`/channels?q=${encodeURIComponent(channel.name)}`);
  const row = page.getByTestId("channel-row").filter({ hasText: channel.name });
  await waitForHydration(row.getByRole("button", { name: `Disable ${channel.name}`, exact: true }));
  await row.getByRole("button", { name: `Disable ${channel.name}`, exact: true }).click();
  await page.getByRole("dialog", { name: `Disable channel ${channel.name}?` }).getByRole("button", { name: "Disable channel", exact: true }).click();
  await expect(row.getByTestId("channel-status")).toHaveText("Disabled");

  const path = pathOf(channel.webhookUrls[0]!.url);
  const refused = await request.post(path, { data: "{}", headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${"0".repeat(64)}` } });
  expect(refused.status()).toBe(404);
  const unknownPath = path.replace(/[^/]+$/, randomBytes(24).toString("base64url"));
  const unknown = await request.post(unknownPath, { data: "{}", headers: { "content-type": "application/json" } });
  expect(unknown.status()).toBe(404);
  const body = await refused.text();
  expect(body).toBe(await unknown.text());
  expect(JSON.parse(body)).toEqual({ error: { code: "unknownChannelKey", message: "No enabled channel has this webhook URL (unknown or disabled)" } });

  await expect(async () => {
    await page.goto(`/channels/${channel.id}`);
    await expect(page.getByTestId("webhook-attempt").first()).toContainText(
      'Refused: channel disabled (answered 404 "unknown or disabled webhook URL", as for an unknown URL)',
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 20_000 });
});
