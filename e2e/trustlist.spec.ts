import type { Locator, Page } from "@playwright/test";
import { expect, submitForm, SUPPORT, TENANT_ADMIN, test, uniqueSuffix, waitForHydration } from "./fixtures";

/** The tenant administrator's request form on /settings/trustlist. */
async function requestForm(page: Page): Promise<Locator> {
  await page.goto("/settings/trustlist");
  const form = page.getByTestId("trustlist-request-form");
  await waitForHydration(form);
  return form;
}

async function fillRequest(form: Locator, prefix: string, reason: string): Promise<void> {
  await form.getByLabel("URL prefix", { exact: true }).fill(prefix);
  await form.getByLabel("Reason", { exact: true }).fill(reason);
}

/** Requests `prefix` and expects it accepted in its normalised spelling. */
async function requestPrefix(page: Page, prefix: string, normalised: string, reason = "Infobip BaseUrl of our WhatsApp channel") {
  const form = await requestForm(page);
  await fillRequest(form, prefix, reason);
  await submitForm(page, form, "Request prefix");
  await expect(form.getByRole("status")).toHaveText(`Requested ${normalised}. A system administrator will review it.`);
}

const requestRow = (page: Page, prefix: string) => page.getByTestId("trustlist-request-row").filter({ hasText: prefix });

/** As the system administrator: approves or rejects the pending request for `prefix`. */
async function decide(page: Page, prefix: string, decision: "Approve" | "Reject", note = ""): Promise<void> {
  await page.goto("/system/trustlist");
  const card = page.getByTestId("trustlist-pending-request").filter({ hasText: prefix });
  await expect(card).toHaveCount(1);
  const form = card.locator("form");
  await waitForHydration(form);
  if (note) await form.getByLabel("Note for the tenant (optional)", { exact: true }).fill(note);
  await submitForm(page, form, decision);
  const outcome = decision === "Approve" ? `Approved ${prefix}.` : `Rejected ${prefix}.`;
  await expect(page.getByTestId("trustlist-outcome")).toHaveText(outcome);
  await expect(card).toHaveCount(0);
}

test.describe("address trustlist", () => {
  test("a tenant administrator requests a prefix, the system administrator approves it, the tenant sees it approved", async ({
    signedInPage,
    systemAdminPage: sysadmin,
  }) => {
    const host = `api-${uniqueSuffix()}.example.com`;
    const prefix = `https://${host}/whatsapp/`;
    const admin = await signedInPage(TENANT_ADMIN);

    // Bad values get the precise reason next to the field, and nothing is requested.
    const form = await requestForm(admin);
    const prefixError = admin.locator("#field-prefix-error");
    for (const [value, message] of [
      [`http://${host}/whatsapp`, "Use https: plain http is not allowed."],
      [`https://*.${host}/`, "Wildcards (*) are not allowed: request each host separately."],
      [`https://user:secret@${host}/`, "Remove the user name and password: a prefix cannot carry credentials."],
      [`https://${host}/api?key=1`, "Remove the ? part: a prefix has no query."],
    ] as const) {
      await fillRequest(form, value, "Outbound calls");
      await form.getByRole("button", { name: "Request prefix", exact: true }).click();
      await expect(prefixError).toHaveText(message);
      await expect(form.getByLabel("URL prefix", { exact: true })).toHaveAttribute("aria-invalid", "true");
    }
    await form.getByLabel("Reason", { exact: true }).fill("");
    await form.getByRole("button", { name: "Request prefix", exact: true }).click();
    await expect(admin.locator("#field-reason-error")).toHaveText("This field is required.");
    await admin.reload();
    await expect(requestRow(admin, host)).toHaveCount(0);

    // A good value, written loosely, is stored in its normalised spelling as pending.
    await requestPrefix(admin, `HTTPS://${host.toUpperCase()}:443/whatsapp`, prefix);
    await expect(requestRow(admin, prefix).getByTestId("trustlist-status")).toHaveText("Pending");

    // Asking again for the same prefix is refused clearly by the server.
    const again = await requestForm(admin);
    await fillRequest(again, prefix, "Second time");
    await submitForm(admin, again, "Request prefix");
    await expect(admin.locator("#field-prefix-error")).toHaveText(
      "Your tenant has already requested this prefix; it is waiting for a decision.",
    );

    await decide(sysadmin, prefix, "Approve");
    await sysadmin.goto("/system/trustlist/approved");
    await expect(sysadmin.getByTestId("trustlist-approved-row").filter({ hasText: prefix })).toContainText("Demo");

    await admin.goto("/settings/trustlist");
    await expect(requestRow(admin, prefix).getByTestId("trustlist-status")).toHaveText("Approved");
    await expect(requestRow(admin, prefix).getByRole("button", { name: `Withdraw the request for ${prefix}` })).toHaveCount(0);
    await admin.getByRole("link", { name: "Approved prefixes", exact: true }).click();
    await expect(admin).toHaveURL(/\/settings\/trustlist\/approved$/);
    await expect(admin.getByTestId("trustlist-approved-row").filter({ hasText: prefix })).toHaveCount(1);

    // The request and the approval are in the tenant's audit log.
    await admin.goto("/settings/audit");
    await expect(admin.getByTestId("audit-row").filter({ hasText: "trustlist.request" }).first()).toBeVisible();
    await expect(admin.getByTestId("audit-row").filter({ hasText: "trustlist.approve" }).first()).toBeVisible();
  });

  test("a rejected request shows the system administrator's note; support staff only read", async ({ signedInPage, systemAdminPage: sysadmin }) => {
    const prefix = `https://api-${uniqueSuffix()}.example.com/`;
    const note = `Use the provider's regional host instead ${uniqueSuffix()}`;
    const admin = await signedInPage(TENANT_ADMIN);
    await requestPrefix(admin, prefix, prefix, "Telegram bot");

    await decide(sysadmin, prefix, "Reject", note);

    await admin.goto("/settings/trustlist");
    const row = requestRow(admin, prefix);
    await expect(row.getByTestId("trustlist-status")).toHaveText("Rejected");
    await expect(row.getByTestId("trustlist-note")).toHaveText(`Note: ${note}`);

    const support = await signedInPage(SUPPORT);
    await support.goto("/settings/trustlist");
    await expect(support.getByText("Only tenant administrators can request or withdraw prefixes.")).toBeVisible();
    await expect(support.getByTestId("trustlist-request-form")).toHaveCount(0);
    await expect(requestRow(support, prefix).getByTestId("trustlist-note")).toHaveText(`Note: ${note}`);
    await expect(support.getByRole("button", { name: /^Withdraw/ })).toHaveCount(0);
    // Tenant users never reach the system side.
    await support.goto("/system/trustlist");
    await expect(support.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });

  test("a tenant administrator withdraws a pending request; a revoked prefix tells the tenant why", async ({
    signedInPage,
    systemAdminPage: sysadmin,
  }) => {
    const withdrawn = `https://api-${uniqueSuffix()}.example.com/`;
    const revoked = `https://api-${uniqueSuffix()}.example.com:8443/bsp/`;
    const admin = await signedInPage(TENANT_ADMIN);
    await requestPrefix(admin, withdrawn, withdrawn);
    const withdraw = requestRow(admin, withdrawn).getByRole("button", { name: `Withdraw the request for ${withdrawn}`, exact: true });
    await waitForHydration(withdraw);
    await withdraw.click();
    await expect(requestRow(admin, withdrawn)).toHaveCount(0);

    await requestPrefix(admin, revoked, revoked);
    await decide(sysadmin, revoked, "Approve");
    await sysadmin.goto("/system/trustlist/approved");
    const row = sysadmin.getByTestId("trustlist-approved-row").filter({ hasText: revoked });
    const open = row.getByRole("button", { name: `Revoke ${revoked}`, exact: true });
    await waitForHydration(open);
    await open.click();
    const form = row.locator("form");
    await form.getByLabel("Reason for the revocation (optional)", { exact: true }).fill("The provider retired this endpoint.");
    await submitForm(sysadmin, form, "Revoke for all tenants");
    await expect(row).toHaveCount(0);

    await admin.goto("/settings/trustlist");
    await expect(requestRow(admin, revoked).getByTestId("trustlist-status")).toHaveText("Rejected");
    await expect(requestRow(admin, revoked).getByTestId("trustlist-note")).toHaveText("Note: The provider retired this endpoint.");
    await admin.goto("/settings/trustlist/approved");
    await expect(admin.getByTestId("trustlist-approved-row").filter({ hasText: revoked })).toHaveCount(0);
  });

  test("the request form comes pre-filled from a refused URL's link", async ({ signedInPage }) => {
    const prefix = `https://api-${uniqueSuffix()}.example.com/v1/`;
    const admin = await signedInPage(TENANT_ADMIN);
    await admin.goto(`/settings/trustlist?prefix=${encodeURIComponent(prefix)}`);
    const form = admin.getByTestId("trustlist-request-form");
    await expect(form.getByLabel("URL prefix", { exact: true })).toHaveValue(prefix);
  });
});
