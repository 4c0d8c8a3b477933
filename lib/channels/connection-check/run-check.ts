import { diagnoseConnection } from "@/lib/outbound/diagnose";
import type { CallContext } from "@/lib/outbound/providers/transport";
import { providerSteps } from "./provider-steps";
import { completeSteps, overallOutcome, transportSteps, type CheckOutcome, type StepRecord } from "./steps";
import type { CheckTarget } from "./target";

export interface CheckResult {
  outcome: CheckOutcome;
  steps: StepRecord[];
}

/**
 * One connection check, no message sent: the API base diagnosed (address → TCP → TLS), then the
 * provider asked about the credentials, the number / sender / bot and the webhook. Every call goes
 * through the connector with the channel's certificates and within the tenant's outbound limits.
 */
export async function runConnectionCheck(target: CheckTarget, context: CallContext): Promise<CheckResult> {
  const diagnosis = await diagnoseConnection({
    url: target.apiBaseUrl,
    scope: context.scope,
    timeoutMs: context.timeoutMs,
    ...(target.tls.trustCaPem ? { ca: target.tls.trustCaPem } : {}),
    ...(target.tls.clientCert ? { clientCert: target.tls.clientCert } : {}),
  });
  const run = transportSteps(diagnosis, Boolean(target.tls.clientCert));
  if (diagnosis.ok) run.push(...(await providerSteps(target, context)));
  const steps = completeSteps(run);
  return { outcome: overallOutcome(steps), steps };
}
