import type { Locator, Page } from "@playwright/test";
import {
  createTenant,
  createUser,
  expect,
  MESSAGES,
  submitForm,
  SUPPORT,
  SYSTEM_ADMIN,
  TENANT_ADMIN,
  test,
  uniqueSuffix,
  waitForHydration,
} from "./fixtures";

const CREATE_FORM = "Create a skill queue";

function queueRow(page: Page, name: string): Locator {
  return page.getByTestId("skill-queue-row").filter({ has: page.getByRole("cell", { name, exact: true }) });
}

async function createQueue(page: Page, name: string, description: string): Promise<void> {
  const form = page.getByRole("form", { name: CREATE_FORM });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Description", { exact: true }).fill(description);
  await submitForm(page, form, "Create");
  await expect(form.getByRole("status")).toHaveText(`Skill queue ${name} created.`);
  await expect(queueRow(page, name)).toContainText(description);
}

async function openList(page: Page): Promise<Locator> {
  await page.goto("/settings/skill-queues");
  const form = page.getByRole("form", { name: CREATE_FORM });
  await waitForHydration(form);
  return form;
}

test.describe("skill queues", () => {
  test("an invalid form is refused in the browser: field errors, no server action called", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    // The schema is fetched after the page shows (components/forms/lazy-resolver.ts): validation
    // must still happen before any request reaches the action.
    const actionPosts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.headers()["next-action"] !== undefined) actionPosts.push(request.url());
    });
    const form = await openList(page);
    await form.getByLabel("Name", { exact: true }).fill("   ");
    await form.getByLabel("Description", { exact: true }).fill("x".repeat(501));
    await form.getByRole("button", { name: "Create", exact: true }).click();

    await expect(page.locator("#field-name-error")).toHaveText(MESSAGES.required);
    await expect(page.locator("#field-description-error")).toHaveText("Use at most 500 characters.");
    await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    expect(actionPosts).toEqual([]);
  });

  test("a tenant administrator creates, edits and deletes a skill queue", async ({ signedInPage }) => {
    // Many server round trips in one story: allow for a loaded machine.
    test.slow();
    const page = await signedInPage(TENANT_ADMIN);
    const s = uniqueSuffix();
    const name = `Billing ${s}`;
    const renamed = `Billing and refunds ${s}`;

    const form = await openList(page);
    await createQueue(page, name, "Invoices");

    // Checked in the browser and again on the server: a duplicate name (any case), an overlong description.
    await form.getByLabel("Name", { exact: true }).fill(name.toLowerCase());
    await form.getByLabel("Description", { exact: true }).fill("x".repeat(501));
    await form.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.locator("#field-description-error")).toHaveText("Use at most 500 characters.");
    await form.getByLabel("Description", { exact: true }).fill("");
    await submitForm(page, form, "Create");
    await expect(page.locator("#field-name-error")).toHaveText("A skill queue with this name already exists.");
    await expect(queueRow(page, name.toLowerCase())).toHaveCount(0);

    // Edit on the queue's own page.
    await queueRow(page, name).getByRole("link", { name: `Edit ${name}`, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Skill queue ${name}`);
    const edit = page.locator("form").filter({ has: page.getByLabel("Description", { exact: true }) });
    await waitForHydration(edit);
    await edit.getByLabel("Name", { exact: true }).fill(renamed);
    await edit.getByLabel("Description", { exact: true }).fill("Invoices, refunds and disputes");
    await submitForm(page, edit, "Save");
    await expect(edit.getByRole("status")).toHaveText("Skill queue saved.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Skill queue ${renamed}`);
    await page.getByRole("link", { name: "Back to skill queues", exact: true }).click();
    await expect(queueRow(page, renamed)).toContainText("Invoices, refunds and disputes");
    await expect(queueRow(page, name)).toHaveCount(0);

    // Delete asks first; cancelling keeps the queue.
    await waitForHydration(page.getByRole("form", { name: CREATE_FORM }));
    const row = queueRow(page, renamed);
    await row.getByRole("button", { name: `Delete ${renamed}`, exact: true }).click();
    const confirm = row.getByRole("group", { name: `Delete ${renamed}` });
    await expect(confirm).toContainText(`Delete skill queue ${renamed}? This cannot be undone.`);
    await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(row.getByRole("link", { name: `Edit ${renamed}` })).toBeVisible();
    await row.getByRole("button", { name: `Delete ${renamed}`, exact: true }).click();
    await submitForm(page, row.getByRole("group", { name: `Delete ${renamed}` }), "Delete skill queue");
    await expect(page.getByText(`Skill queue ${renamed} deleted.`)).toBeVisible();
    await expect(queueRow(page, renamed)).toHaveCount(0);
    await page.reload();
    await expect(queueRow(page, renamed)).toHaveCount(0);

    await page.goto("/settings/audit");
    for (const action of ["skillQueue.create", "skillQueue.update", "skillQueue.delete"]) {
      await expect(page.getByTestId("audit-row").filter({ hasText: action }).first()).toBeVisible();
    }
  });

  test("support staff see the list without edit controls and cannot open the edit page", async ({ signedInPage }) => {
    const s = uniqueSuffix();
    const name = `Visible ${s}`;
    const admin = await signedInPage(TENANT_ADMIN);
    await openList(admin);
    await createQueue(admin, name, "Read me");
    const editHref = await queueRow(admin, name).getByRole("link", { name: `Edit ${name}` }).getAttribute("href");

    const page = await signedInPage(SUPPORT);
    const response = await page.goto("/settings/skill-queues");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("You can view the skill queues; tenant administrators change them.")).toBeVisible();
    await expect(queueRow(page, name)).toContainText("Read me");
    await expect(page.getByRole("main").getByRole("form")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("link", { name: /^Edit / })).toHaveCount(0);

    const edit = await page.goto(editHref!);
    expect(edit?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(MESSAGES.forbiddenTitle);
  });

  test("another tenant's queue, a missing one and a malformed id are all not found", async ({ signedInPage }) => {
    // Three accounts, a new tenant and a new user: allow for a loaded machine.
    test.slow();
    const s = uniqueSuffix();
    const otherTenant = `Other ${s}`;
    const otherAdmin = { email: `queues-${s}@other.example`, name: `Other Admin ${s}`, password: `other-password-${s}` };
    const system = await signedInPage(SYSTEM_ADMIN);
    await createTenant(system, otherTenant);
    await createUser(system, { ...otherAdmin, role: "tenant_admin", tenantName: otherTenant });
    const other = await signedInPage(otherAdmin);
    await openList(other);
    const name = `Theirs ${s}`;
    await createQueue(other, name, "Not yours");
    const foreignHref = await queueRow(other, name).getByRole("link", { name: `Edit ${name}` }).getAttribute("href");

    const page = await signedInPage(TENANT_ADMIN);
    for (const path of [foreignHref!, "/settings/skill-queues/00000000-0000-4000-8000-000000000000", "/settings/skill-queues/not-a-uuid"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(MESSAGES.notFoundTitle);
    }
    await page.goto("/settings/skill-queues");
    await expect(queueRow(page, name)).toHaveCount(0);
  });
});
