import type { Locator, Page } from "@playwright/test";
import {
  createTenant,
  createUser,
  expect,
  submitForm,
  SUPPORT,
  SYSTEM_ADMIN,
  TENANT_ADMIN,
  test,
  uniqueSuffix,
  waitForHydration,
} from "./fixtures";

const CREATE_FORM = "Create a top-level OU";

/** The line of the tree that shows the OU `name` (without its sub-OUs). */
function ouItem(page: Page, name: string): Locator {
  return page.getByTestId("ou-item").filter({ has: page.getByTestId("ou-name").getByText(name, { exact: true }) });
}

/** The names of the OUs nested under `name`, in the order shown. */
function subOuNames(page: Page, name: string): Locator {
  return page.getByRole("listitem").filter({ has: ouItem(page, name) }).last().getByRole("list").getByTestId("ou-name");
}

async function openOuPage(page: Page): Promise<Locator> {
  await page.goto("/settings/ous");
  const form = page.getByRole("form", { name: CREATE_FORM });
  await waitForHydration(form);
  return form;
}

async function createTopLevel(page: Page, name: string): Promise<void> {
  const form = page.getByRole("form", { name: CREATE_FORM });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await submitForm(page, form, "Create");
  await expect(page.getByTestId("ou-notice")).toHaveText(`OU ${name} created.`);
  await expect(ouItem(page, name)).toHaveAttribute("data-depth", "0");
}

async function addSubOu(page: Page, parent: string, name: string): Promise<void> {
  await page.getByRole("button", { name: `Add sub-OU to ${parent}`, exact: true }).click();
  const form = page.getByRole("form", { name: `New OU inside ${parent}` });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await submitForm(page, form, "Create");
  await expect(page.getByTestId("ou-notice")).toHaveText(`OU ${name} created.`);
}

async function openMove(page: Page, name: string): Promise<Locator> {
  await page.getByRole("button", { name: `Move ${name}`, exact: true }).click();
  const form = page.getByRole("form", { name: `Move ${name}` });
  await expect(form.getByLabel("New parent", { exact: true })).toBeVisible();
  return form;
}

test.describe("OUs", () => {
  test("a tenant administrator creates, renames, moves and deletes OUs", async ({ signedInPage }) => {
    // Many server round trips in one story: allow for a loaded machine.
    test.slow();
    const page = await signedInPage(TENANT_ADMIN);
    const s = uniqueSuffix();
    const sales = `Sales ${s}`;
    const service = `Service ${s}`;
    const emea = `EMEA ${s}`;
    const berlin = `Berlin ${s}`;

    const createForm = await openOuPage(page);
    await createTopLevel(page, sales);
    await createTopLevel(page, service);

    // A sibling with the same name in another case is refused next to the field; nothing typed is lost.
    const nameInput = createForm.getByLabel("Name", { exact: true });
    await nameInput.fill(sales.toUpperCase());
    await submitForm(page, createForm, "Create");
    await expect(createForm.getByRole("alert")).toHaveText("An OU with this name already exists at this level.");
    await expect(nameInput).toHaveAttribute("aria-invalid", "true");
    await expect(nameInput).toHaveValue(sales.toUpperCase());

    // Sub-OUs appear indented under their parent.
    await addSubOu(page, sales, `emea ${s}`);
    await addSubOu(page, `emea ${s}`, berlin);
    await expect(ouItem(page, `emea ${s}`)).toHaveAttribute("data-depth", "1");
    await expect(ouItem(page, berlin)).toHaveAttribute("data-depth", "2");
    await expect(ouItem(page, sales).getByTestId("ou-child-count")).toHaveText("1 sub-OU");

    // Rename (here: a change of case only).
    await page.getByRole("button", { name: `Rename emea ${s}`, exact: true }).click();
    const renameForm = page.getByRole("form", { name: `Rename emea ${s}` });
    await renameForm.getByLabel("Name", { exact: true }).fill(emea);
    await submitForm(page, renameForm, "Save name");
    await expect(page.getByTestId("ou-notice")).toHaveText(`OU ${emea} renamed.`);
    await expect(ouItem(page, emea)).toBeVisible();

    // Moving Sales: neither Sales nor anything inside it is offered as its new parent.
    let moveForm = await openMove(page, sales);
    const offered = await moveForm.getByLabel("New parent", { exact: true }).locator("option").allTextContents();
    expect(offered).toContain("Top level (no parent)");
    expect(offered).toContain(service);
    expect(offered.filter((label) => label.includes(sales) || label.includes(emea))).toEqual([]);
    await moveForm.getByRole("button", { name: "Cancel", exact: true }).click();

    // Move EMEA (with Berlin) under Service.
    moveForm = await openMove(page, emea);
    await expect(moveForm.getByLabel("New parent", { exact: true })).toHaveValue(/.+/); // its current parent
    await moveForm.getByLabel("New parent", { exact: true }).selectOption({ label: service });
    await submitForm(page, moveForm, "Move OU");
    await expect(page.getByTestId("ou-notice")).toHaveText(`OU ${emea} moved.`);
    await expect(subOuNames(page, service)).toHaveText([emea, berlin]);
    await expect(ouItem(page, sales).getByTestId("ou-child-count")).toHaveCount(0);

    // An OU with sub-OUs cannot be deleted; the refusal says why.
    await page.getByRole("button", { name: `Delete ${service}`, exact: true }).click();
    let confirm = page.getByRole("group", { name: `Delete ${service}` });
    await expect(confirm).toContainText(`Delete OU ${service}? This cannot be undone.`);
    await submitForm(page, confirm, "Delete OU");
    await expect(confirm.getByRole("alert")).toHaveText("This OU still has sub-OUs. Move or delete them first.");
    await expect(ouItem(page, service)).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel", exact: true }).click();

    // Cancelling the confirmation deletes nothing; confirming deletes.
    await page.getByRole("button", { name: `Delete ${berlin}`, exact: true }).click();
    confirm = page.getByRole("group", { name: `Delete ${berlin}` });
    await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(confirm).toHaveCount(0);
    await expect(ouItem(page, berlin)).toBeVisible();
    for (const name of [berlin, emea, service]) {
      await page.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
      await submitForm(page, page.getByRole("group", { name: `Delete ${name}` }), "Delete OU");
      await expect(page.getByTestId("ou-notice")).toHaveText(`OU ${name} deleted.`);
      await expect(ouItem(page, name)).toHaveCount(0);
    }

    // Every change is in the audit log.
    await page.reload();
    await expect(ouItem(page, sales)).toBeVisible();
    await expect(ouItem(page, service)).toHaveCount(0);
    await page.goto("/settings/audit");
    for (const action of ["ou.create", "ou.rename", "ou.move", "ou.delete"]) {
      await expect(page.getByTestId("audit-row").filter({ hasText: action }).first()).toBeVisible();
    }
  });

  test("support staff see the tree without edit controls", async ({ signedInPage }) => {
    const s = uniqueSuffix();
    const parent = `Read-only ${s}`;
    const child = `Child ${s}`;
    const admin = await signedInPage(TENANT_ADMIN);
    await openOuPage(admin);
    await createTopLevel(admin, parent);
    await addSubOu(admin, parent, child);

    const page = await signedInPage(SUPPORT);
    const response = await page.goto("/settings/ous");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "OUs", level: 1 })).toBeVisible();
    await expect(page.getByText("You can view the OUs; tenant administrators change them.")).toBeVisible();
    await expect(ouItem(page, parent)).toHaveAttribute("data-depth", "0");
    await expect(ouItem(page, child)).toHaveAttribute("data-depth", "1");
    await expect(page.getByRole("main").getByRole("form")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  });

  test("another tenant's administrator sees none of these OUs", async ({ signedInPage }) => {
    // Three accounts, a new tenant and a new user: allow for a loaded machine.
    test.slow();
    const s = uniqueSuffix();
    const mine = `Demo only ${s}`;
    const admin = await signedInPage(TENANT_ADMIN);
    await openOuPage(admin);
    await createTopLevel(admin, mine);

    const otherTenant = `Other OUs ${s}`;
    const otherAdmin = { email: `ous-${s}@other.example`, name: `Other OU Admin ${s}`, password: `other-password-${s}` };
    const system = await signedInPage(SYSTEM_ADMIN);
    await createTenant(system, otherTenant);
    await createUser(system, { ...otherAdmin, role: "tenant_admin", tenantName: otherTenant });
    const other = await signedInPage(otherAdmin);
    await openOuPage(other);
    await expect(other.getByText("No OUs yet. Create the first one above.")).toBeVisible();
    // The same name is free in their tenant.
    await createTopLevel(other, mine);
    await expect(other.getByTestId("ou-item")).toHaveCount(1);
  });
});
