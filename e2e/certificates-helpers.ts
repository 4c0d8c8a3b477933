import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { FIXTURE_DIR, fixtureText, pemFingerprints } from "../testing/fixtures/certificates";
import { expect, submitForm, waitForHydration } from "./fixtures";

export { startTlsServer } from "../testing/fixtures/certificates/servers";
export { P12_PASSWORD } from "../testing/fixtures/certificates";

export const FORMS = {
  trust: "Upload a trust certificate",
  identity: "Upload an identity certificate",
  fetch: "Fetch from a server",
  confirm: "Save the fetched certificate",
} as const;

const chainFingerprints = pemFingerprints(fixtureText("chain.pem"));
export const LEAF_FINGERPRINT = chainFingerprints[0]!;
export const INTERMEDIATE_FINGERPRINT = chainFingerprints[1]!;
export const ROOT_FINGERPRINT = chainFingerprints[2]!;

export const fixturePath = (name: string) => path.join(FIXTURE_DIR, name);

export async function openCertificates(page: Page): Promise<void> {
  await page.goto("/settings/certificates");
  await expect(page.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
}

export async function certificateForm(page: Page, name: keyof typeof FORMS): Promise<Locator> {
  const form = page.getByRole("form", { name: FORMS[name] });
  await waitForHydration(form);
  return form;
}

export function certificateRow(page: Page, name: string): Locator {
  return page.getByTestId("certificate-row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Uploads a trust certificate file through the form and waits for the saved notice. */
export async function uploadTrust(page: Page, name: string, file = "chain.pem"): Promise<void> {
  const form = await certificateForm(page, "trust");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Certificate file", { exact: true }).setInputFiles(fixturePath(file));
  await submitForm(page, form, "Upload");
  await expect(form.getByRole("status")).toContainText(`Certificate ${name} saved.`);
}
