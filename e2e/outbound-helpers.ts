import type { Page } from "@playwright/test";
import { label } from "./channel-wizard-helpers";
import { expect, waitForHydration } from "./fixtures";

/* A channel page's outbound actions as an administrator uses them: Check connection, Send a test message. */

/** Runs "Check connection" on the channel page's Integration tab and waits for a result (any outcome). */
export async function checkConnection(page: Page, channelId: string): Promise<void> {
  await page.goto(`/channels/${channelId}?tab=integration`);
  const button = page.getByRole("button", { name: "Check connection", exact: true });
  await waitForHydration(button);
  await button.click();
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId("connection-check-outcome")).toHaveAttribute("data-outcome", /passed|warning|failed/, { timeout: 30_000 });
}

/** The recipient field's label: a Telegram channel asks for a chat id, WhatsApp for a number. */
export type RecipientLabel = "Recipient" | "Chat id";

/** Sends a test message to `recipient` and waits for its row to show `status`. */
export async function sendTestMessage(
  page: Page,
  channelId: string,
  recipient: string,
  status: "Accepted" | "Failed",
  recipientLabel: RecipientLabel = "Recipient",
): Promise<void> {
  await page.goto(`/channels/${channelId}`);
  const form = page.getByTestId("test-message-form");
  const send = form.getByRole("button", { name: "Send test message", exact: true });
  await waitForHydration(send);
  await label(page, recipientLabel).fill(recipient);
  await send.click();
  await expect(form).toContainText("Queued.");
  const row = page.getByTestId("outbound-message").filter({ hasText: recipient }).first();
  try {
    await expect(row.getByTestId("outbound-status")).toHaveText(status, { timeout: 30_000 });
  } catch (error) {
    // The row says why (the error column): a failure names it instead of only "Failed".
    throw new Error(`test message on ${channelId}: ${(await row.textContent()) ?? "no row"}`, { cause: error });
  }
}
