import { readFileSync } from "node:fs";
import {
  certificateForm,
  certificateRow,
  fixturePath,
  INTERMEDIATE_FINGERPRINT,
  LEAF_FINGERPRINT,
  openCertificates,
  P12_PASSWORD,
  ROOT_FINGERPRINT,
  startTlsServer,
  uploadTrust,
} from "./certificates-helpers";
import { dataFile, expect, submitForm, SUPPORT, TENANT_ADMIN, test, uniqueSuffix } from "./fixtures";
import { requestAndApprovePrefix } from "./trustlist-helpers";

test.describe("certificates", () => {
  test("uploads a PEM trust chain and shows its details and whole chain", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await openCertificates(page);
    const name = `Infobip CA ${uniqueSuffix()}`;
    await uploadTrust(page, name, "chain.pem");

    const row = certificateRow(page, name);
    await expect(row).toContainText("Trust");
    await expect(row).toContainText("CN=localhost, O=Channel Console Tests, C=DE");
    await expect(row).toContainText(LEAF_FINGERPRINT);
    await expect(row).toContainText("Jan 1, 2035");

    await page.getByRole("form", { name: "Upload a trust certificate" }).getByRole("link", { name: "Show details" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByTestId("leaf-fingerprint")).toHaveText(LEAF_FINGERPRINT);
    await expect(page.getByText("Certificate chain (3 certificates)")).toBeVisible();
    await expect(page.getByTestId("chain-certificate").getByTestId("fingerprint")).toHaveText([
      LEAF_FINGERPRINT,
      INTERMEDIATE_FINGERPRINT,
      ROOT_FINGERPRINT,
    ]);
    await expect(page.getByText("Uploaded file")).toBeVisible();
  });

  test("uploads a PKCS#12 identity certificate; a wrong password is explained and never echoed", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await openCertificates(page);
    const form = await certificateForm(page, "identity");
    const name = `Console identity ${uniqueSuffix()}`;
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Format", { exact: true }).selectOption({ label: "PKCS#12 file (.p12, .pfx) with password" });
    await form.getByLabel("PKCS#12 file", { exact: true }).setInputFiles(fixturePath("identity.p12"));
    const password = form.getByLabel("PKCS#12 password", { exact: true });
    await password.fill("not-the-password");
    await submitForm(page, form, "Upload");
    await expect(form.getByText("The password does not open this PKCS#12 file.")).toBeVisible();
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(certificateRow(page, name)).toHaveCount(0);

    await password.fill(P12_PASSWORD);
    await submitForm(page, form, "Upload");
    await expect(form.getByRole("status")).toContainText(`Certificate ${name} saved.`);
    await expect(certificateRow(page, name)).toContainText("Identity");

    await certificateRow(page, name).getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByTestId("leaf-fingerprint")).toHaveText(LEAF_FINGERPRINT);
    await expect(page.getByText("PKCS#12 file and its password stored encrypted; they are never shown.")).toBeVisible();
    await expect(page.getByTestId("chain-certificate")).toHaveCount(2);
    const html = await page.content();
    expect(html).not.toContain(P12_PASSWORD);
    expect(html).not.toContain("PRIVATE KEY");
    expect(readFileSync(dataFile("console.log"), "utf8")).not.toContain(P12_PASSWORD);
  });

  test("explains a file that is not a certificate and a file over 1 MB", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await openCertificates(page);
    const form = await certificateForm(page, "trust");
    const name = `Not a cert ${uniqueSuffix()}`;
    await form.getByLabel("Name", { exact: true }).fill(name);
    const file = form.getByLabel("Certificate file", { exact: true });
    await file.setInputFiles({ name: "notes.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.from("meeting notes, not a certificate\n") });
    await submitForm(page, form, "Upload");
    await expect(form.getByText("This file is not a certificate. Use a PEM or DER certificate (.pem, .crt, .cer, .der).")).toBeVisible();
    await expect(file).toHaveAttribute("aria-invalid", "true");

    // The 5 MB file of the issue: refused before anything is sent, and the form states the limit.
    await file.setInputFiles({ name: "huge.pem", mimeType: "application/x-pem-file", buffer: Buffer.alloc(5 * 1024 * 1024, 0x41) });
    await form.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(form.getByText(/^The file is larger than 1 MB\./)).toBeVisible();
    await expect(form.getByText(/At most 1 MB\./)).toBeVisible();
    await page.reload();
    await expect(certificateRow(page, name)).toHaveCount(0);
  });

  test("fetches the chain a local TLS server presents once its address is approved, shows its fingerprints and stores it once confirmed", async ({
    signedInPage,
    systemAdminPage,
  }) => {
    const server = await startTlsServer(["leaf.pem", "intermediate-ca.pem"]);
    try {
      const page = await signedInPage(TENANT_ADMIN);
      await openCertificates(page);
      const address = `https://127.0.0.1:${server.port}`;
      // 127.0.0.1 is a private address: the console does not connect until the prefix is approved.
      const refused = await certificateForm(page, "fetch");
      await refused.getByLabel("Server address", { exact: true }).fill(address);
      await submitForm(page, refused, "Fetch certificates");
      await expect(refused.getByText(/^The console could not connect to a TLS server at this address\./)).toBeVisible();
      await expect(page.getByRole("region", { name: "Check before saving" })).toHaveCount(0);

      await requestAndApprovePrefix(page, systemAdminPage, `${address}/`);
      await openCertificates(page);
      const form = await certificateForm(page, "fetch");
      await form.getByLabel("Server address", { exact: true }).fill(address);
      await submitForm(page, form, "Fetch certificates");

      const preview = page.getByRole("region", { name: "Check before saving" });
      await expect(preview).toContainText(`https://127.0.0.1:${server.port} presented 2 certificates.`);
      await expect(preview.getByTestId("fingerprint")).toHaveText([LEAF_FINGERPRINT, INTERMEDIATE_FINGERPRINT]);
      await expect(certificateRow(page, "localhost")).toHaveCount(0);

      const confirm = await certificateForm(page, "confirm");
      const name = `API Fabric ${uniqueSuffix()}`;
      await confirm.getByLabel("Name", { exact: true }).fill(name);
      await submitForm(page, confirm, "Save as trust certificate");
      await expect(page.getByRole("status").filter({ hasText: `Certificate ${name} saved.` })).toBeVisible();
      await expect(preview).toHaveCount(0);
      await expect(certificateRow(page, name)).toContainText(LEAF_FINGERPRINT);

      await certificateRow(page, name).getByRole("link", { name, exact: true }).click();
      await expect(page.getByTestId("leaf-fingerprint")).toHaveText(LEAF_FINGERPRINT);
      await expect(page.getByText(`Fetched from ${address}`)).toBeVisible();
    } finally {
      await server.close();
    }
  });

  test("explains an address that is not https", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await openCertificates(page);
    const form = await certificateForm(page, "fetch");
    await form.getByLabel("Server address", { exact: true }).fill("http://127.0.0.1:8080");
    await form.getByRole("button", { name: "Fetch certificates", exact: true }).click();
    await expect(form.getByText("Only https:// addresses can be fetched.")).toBeVisible();
  });

  test("deletes a certificate after confirmation", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await openCertificates(page);
    const name = `Old CA ${uniqueSuffix()}`;
    await uploadTrust(page, name, "self-signed.der");
    const row = certificateRow(page, name);
    await row.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    const confirm = row.getByRole("group", { name: `Confirm deleting ${name}` });
    await expect(confirm).toContainText(`Delete ${name}? This cannot be undone.`);
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(row).toHaveCount(0);
    await page.reload();
    await expect(certificateRow(page, name)).toHaveCount(0);
  });

  test("support staff see the list and details without upload or delete controls", async ({ signedInPage }) => {
    const admin = await signedInPage(TENANT_ADMIN);
    await openCertificates(admin);
    const name = `Readable ${uniqueSuffix()}`;
    await uploadTrust(admin, name, "leaf.pem");

    const page = await signedInPage(SUPPORT);
    await openCertificates(page);
    const row = certificateRow(page, name);
    await expect(row).toContainText(LEAF_FINGERPRINT);
    await expect(page.getByText("You can look at the certificates; tenant administrators add and delete them.")).toBeVisible();
    await expect(page.getByRole("form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
    await row.getByRole("link", { name, exact: true }).click();
    await expect(page.getByTestId("leaf-fingerprint")).toHaveText(LEAF_FINGERPRINT);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  });
});
