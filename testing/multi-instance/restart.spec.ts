import { metaDeliveries, phoneNumberIdOf, runLoad, storedKeyCounts, tally, type Answer } from "../../e2e/durability-traffic";
import { uniqueSuffix } from "../../e2e/fixtures";
import { seedCloudChannel, waitFor } from "./processes";
import { expect, test } from "./fixtures";

/*
 * Issue 18, item 3: a steady signed webhook load through the balancer while instance A gets
 * SIGTERM and is started again. A stops accepting connections, finishes the webhooks in flight
 * (commit and 200) and exits; the balancer retries a refused connect once on B, as balancers do.
 * Every 200 must be stored exactly once, and no request may be refused twice or cut off.
 */

const CONCURRENCY = 6;
/** Load before the SIGTERM and after A is back, so both ends of the restart are under load. */
const STEADY_MS = 2_000;

test("a SIGTERM and restart of one instance under load: every 200 stored once, no request refused twice", async ({ deployment }) => {
  test.setTimeout(180_000);
  const { proxy } = deployment;
  // Seeded, not made in the browser: this test is about the restart (multi-instance.spec.ts makes one through A).
  const seeded = await seedCloudChannel(deployment.shared);
  const channel = { ...seeded, phoneNumberId: await phoneNumberIdOf(deployment.shared.databaseUrl, seeded.tenantId, seeded.id) };
  const url = `${proxy.url}${channel.webhookPath}`;
  const deliveries = metaDeliveries(50_000, channel, `restart-${uniqueSuffix()}`);

  let stop = false;
  const byWindow = { beforeTerm: 0, duringRestart: 0, afterRestart: 0 };
  let window: keyof typeof byWindow = "beforeTerm";
  const load = runLoad(url, deliveries, { concurrency: CONCURRENCY, shouldStop: () => stop, onAnswer: () => void byWindow[window]++ });
  const before = { ...proxy.stats, byUpstream: { ...proxy.stats.byUpstream } };

  await new Promise((resolve) => setTimeout(resolve, STEADY_MS));
  window = "duringRestart";
  const exitMs = await deployment.instances.a.terminate();
  const a = await deployment.restartA();
  await waitFor("A to take requests from the balancer again", 30_000, () => ((proxy.stats.byUpstream[a.port] ?? 0) > (before.byUpstream[a.port] ?? 0) + 20 ? true : undefined));
  window = "afterRestart";
  await new Promise((resolve) => setTimeout(resolve, STEADY_MS));
  stop = true;
  const answers: Answer[] = await load;

  const counts = tally(answers);
  const failures = JSON.stringify(proxy.stats.errors.filter((error) => !error.retried));
  expect(counts, `every request answered 200: none refused twice, none cut off; unretried upstream failures ${failures}`).toEqual({ "200": answers.length });
  expect(proxy.stats.refusedTwice).toBe(0);
  expect(proxy.stats.failed).toBe(0);
  expect(exitMs, "A exits within SHUTDOWN_TIMEOUT_MS (15 s here)").toBeLessThan(15_000);
  expect(byWindow.beforeTerm).toBeGreaterThan(0);
  expect(byWindow.afterRestart).toBeGreaterThan(0);

  const stored = await storedKeyCounts(deployment.shared.databaseUrl, channel.tenantId, channel.id);
  const notOnce = answers.filter((answer) => stored.get(answer.delivery.idempotencyKey) !== 1).map((answer) => answer.delivery.messageId);
  expect(notOnce, "answered 200 but not stored exactly once").toEqual([]);
  expect(stored.size, "nothing stored that was not answered 200").toBe(answers.length);

  console.info(
    `[multi-instance] restart under load: ${answers.length} deliveries (${JSON.stringify(byWindow)}), A exited ${exitMs} ms after SIGTERM; ` +
      `balancer: ${proxy.stats.retriedAfterRefusal - before.retriedAfterRefusal} refused once and retried on B, ` +
      `${proxy.stats.retriedAfterEmpty - before.retriedAfterEmpty} reset unanswered (A's accept queue) and retried on B, 0 refused twice, 0 failed`,
  );
});
