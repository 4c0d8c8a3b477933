import type { Locator, Page } from "@playwright/test";
import { expect, submitForm, SYSTEM_ADMIN, TENANT_ADMIN, test, uniqueSuffix, waitForHydration } from "./fixtures";

/*
 * Issue 17, improvement 6 (settings and system): every action says in place whether it worked, in a
 * way a screen reader announces. The rule (components/forms/live-status.tsx):
 * - success: a polite live region (role="status") that is in the page BEFORE the action, so the
 *   text appearing in it is announced;
 * - failure: role="alert" next to what failed;
 * - when the thing acted on leaves the page (a deleted row), a toast too, in sonner's live region.
 */

/** The live region must exist, silent, before the action: a region added with its text is often not read. */
async function expectSilentLiveRegion(region: Locator): Promise<void> {
  await expect(region).toHaveAttribute("role", "status");
  await expect(region).toBeAttached();
  await expect(region).toHaveText("");
}

/** sonner's list of toasts: a section named by the console ("Notifications", plus its hotkey) with aria-live. */
function toasts(page: Page): Locator {
  return page.getByRole("region", { name: /^Notifications/ });
}

test.describe("action feedback, announced in place", () => {
  test("OUs: create, rename and delete say so in a live region; refusals are alerts", async ({ signedInPage }) => {
    test.slow();
    const page = await signedInPage(TENANT_ADMIN);
    const s = uniqueSuffix();
    const parent = `Feedback ${s}`;
    const renamed = `Feedback renamed ${s}`;
    const child = `Feedback child ${s}`;

    await page.goto("/settings/ous");
    const createForm = page.getByRole("form", { name: "Create a top-level OU" });
    await waitForHydration(createForm);
    const notice = page.getByTestId("ou-notice");
    await expectSilentLiveRegion(notice);

    await createForm.getByLabel("Name", { exact: true }).fill(parent);
    await submitForm(page, createForm, "Create");
    await expect(notice).toHaveText(`OU ${parent} created.`);

    // The same name again: refused in the form, as an alert, with nothing said in the success region.
    await createForm.getByLabel("Name", { exact: true }).fill(parent);
    await submitForm(page, createForm, "Create");
    await expect(createForm.getByRole("alert")).toHaveText("An OU with this name already exists at this level.");
    await expect(createForm.getByRole("status")).toHaveText("");

    // Rename: the panel closes, the page's notice says what happened.
    await page.getByRole("button", { name: `Rename ${parent}`, exact: true }).click();
    const renameForm = page.getByRole("form", { name: `Rename ${parent}` });
    await renameForm.getByLabel("Name", { exact: true }).fill(renamed);
    await submitForm(page, renameForm, "Save name");
    await expect(notice).toHaveText(`OU ${renamed} renamed.`);
    await expect(renameForm).toHaveCount(0);

    // A sub-OU makes the delete fail: the refusal is an alert inside the confirmation, which stays open.
    await page.getByRole("button", { name: `Add sub-OU to ${renamed}`, exact: true }).click();
    const childForm = page.getByRole("form", { name: `New OU inside ${renamed}` });
    await childForm.getByLabel("Name", { exact: true }).fill(child);
    await submitForm(page, childForm, "Create");
    await expect(notice).toHaveText(`OU ${child} created.`);

    await page.getByRole("button", { name: `Delete ${renamed}`, exact: true }).click();
    const confirm = page.getByRole("group", { name: `Delete ${renamed}` });
    await confirm.getByRole("button", { name: "Delete OU", exact: true }).click();
    await expect(confirm.getByRole("alert")).toHaveText("This OU still has sub-OUs. Move or delete them first.");

    // Deleting the sub-OU, then the OU itself, is said in the notice each time.
    await page.getByRole("button", { name: `Delete ${child}`, exact: true }).click();
    await page.getByRole("group", { name: `Delete ${child}` }).getByRole("button", { name: "Delete OU", exact: true }).click();
    await expect(notice).toHaveText(`OU ${child} deleted.`);
    await page.getByRole("button", { name: `Delete ${renamed}`, exact: true }).click();
    await page.getByRole("group", { name: `Delete ${renamed}` }).getByRole("button", { name: "Delete OU", exact: true }).click();
    await expect(notice).toHaveText(`OU ${renamed} deleted.`);
  });

  test("service time: adding a day is said in the form's live region; deleting its row is a toast", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    const label = `Feedback day ${uniqueSuffix()}`;
    await page.goto("/settings/service-time");
    const form = page.getByRole("form", { name: "Add a non-working day" });
    await waitForHydration(form);
    await expectSilentLiveRegion(form.getByRole("status"));

    await form.getByLabel("Date", { exact: true }).fill("2033-03-14");
    await form.getByLabel("Label", { exact: true }).fill(label);
    await submitForm(page, form, "Add");
    await expect(form.getByRole("status")).toHaveText(`${label} added.`);

    const row = page.getByTestId("non-working-day-row").filter({ hasText: label });
    await row.getByRole("button", { name: `Delete ${label}`, exact: true }).click();
    await expect(row).toHaveCount(0);
    await expect(toasts(page)).toContainText(`Non-working day ${label} deleted.`);
    await expect(toasts(page)).toHaveAttribute("aria-live", "polite");
  });

  test("system: creating a tenant is said in a live region, a duplicate name in an alert", async ({ signedInPage }) => {
    const page = await signedInPage(SYSTEM_ADMIN);
    const name = `Feedback tenant ${uniqueSuffix()}`;
    await page.goto("/system/tenants");
    const form = page.locator("form").filter({ has: page.getByLabel("Name", { exact: true }) });
    await waitForHydration(form);
    await expectSilentLiveRegion(form.getByRole("status"));

    await form.getByLabel("Name", { exact: true }).fill(name);
    await submitForm(page, form, "Create");
    await expect(form.getByRole("status")).toHaveText(`Tenant ${name} created.`);

    await form.getByLabel("Name", { exact: true }).fill(name);
    await submitForm(page, form, "Create");
    await expect(form.getByRole("alert").first()).toBeVisible();
    await expect(form.getByRole("status")).toHaveText("");
  });
});
