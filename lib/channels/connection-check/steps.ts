import {
  CONNECTION_CHECK_STEPS,
  type CONNECTION_CHECK_OUTCOMES,
  type ConnectionCheckStepRecord,
} from "@/db/schema/outbound";
import type { Diagnosis } from "@/lib/outbound/diagnose";
import type { ProviderFailure } from "@/lib/outbound/providers/result";

/*
 * The steps of a check as records (db/schema/outbound.ts), in CONNECTION_CHECK_STEPS order: once a
 * step fails, the later ones are skipped. Advice is a catalog key under `connectionCheck.advice`.
 */

export type StepName = ConnectionCheckStepRecord["step"];
export type StepRecord = ConnectionCheckStepRecord;
export type CheckOutcome = (typeof CONNECTION_CHECK_OUTCOMES)[number];

export const advice = (key: string) => `connectionCheck.advice.${key}`;

export const passed = (step: StepName, details?: Record<string, string>): StepRecord => ({ step, outcome: "passed", ...(details ? { details } : {}) });

/** Every step in order: the ones run, then the rest skipped (a failed step stops the check). */
export function completeSteps(run: readonly StepRecord[]): StepRecord[] {
  const byName = new Map(run.map((record) => [record.step, record]));
  const stoppedAt = run.findIndex((record) => record.outcome === "failed");
  const stopName = stoppedAt >= 0 ? run[stoppedAt]!.step : null;
  let stopped = false;
  return CONNECTION_CHECK_STEPS.map((step) => {
    const record = byName.get(step);
    if (stopped || !record) return { step, outcome: "skipped", ...(stopped ? { adviceKey: advice("skippedAfterFailure") } : {}) };
    if (step === stopName) stopped = true;
    return record;
  });
}

/** failed if any step failed, warning if any warned, else passed (skipped steps do not count). */
export function overallOutcome(steps: readonly StepRecord[]): CheckOutcome {
  if (steps.some((s) => s.outcome === "failed")) return "failed";
  if (steps.some((s) => s.outcome === "warning")) return "warning";
  return "passed";
}

/** The transport steps (address → TCP → TLS) from a diagnosis; an empty list past the first failure. */
export function transportSteps(diagnosis: Diagnosis, identityCertificateSet: boolean): StepRecord[] {
  if (diagnosis.ok) {
    const { server } = diagnosis;
    const details: Record<string, string> = { server: server.subject, issuer: server.issuer, validTo: server.validTo, protocol: server.protocol };
    if (identityCertificateSet) details.clientCertificate = "presented";
    return [passed("address"), passed("tcp"), passed("tls", details)];
  }
  switch (diagnosis.stage) {
    case "address":
      return [{ step: "address", outcome: "failed", adviceKey: advice("addressNotAllowed") }];
    case "tcp":
      return [passed("address"), { step: "tcp", outcome: "failed", providerCode: diagnosis.code, adviceKey: advice(`tcp.${diagnosis.reason}`) }];
    case "tls": {
      const key = diagnosis.reason === "clientCertificate" && !identityCertificateSet ? "clientCertificateMissing" : diagnosis.reason;
      return [passed("address"), passed("tcp"), { step: "tls", outcome: "failed", providerCode: diagnosis.code, adviceKey: advice(`tls.${key}`) }];
    }
  }
}

/** A provider's refusal as the step it fails: credentials, or (the credentials work) the number / sender / bot. */
export function failureSteps(failure: ProviderFailure, identityStep: StepName = "identity"): StepRecord[] {
  const said = (record: StepRecord): StepRecord => ({
    ...record,
    ...("code" in failure && failure.code ? { providerCode: failure.code } : {}),
    ...("message" in failure && failure.message ? { message: failure.message } : {}),
  });
  switch (failure.kind) {
    case "not-found":
      return [passed("credentials"), said({ step: identityStep, outcome: "failed", adviceKey: advice(`${identityStep}.notFound`) })];
    case "unauthorized":
      return [said({ step: "credentials", outcome: "failed", adviceKey: advice("credentials.refused") })];
    case "connect":
      return [{ step: "credentials", outcome: "failed", adviceKey: advice("credentials.unreachable") }];
    case "rate-limited":
      return [said({ step: "credentials", outcome: "failed", adviceKey: advice("credentials.rateLimited") })];
    default:
      return [said({ step: "credentials", outcome: "failed", adviceKey: advice(failure.retryable ? "credentials.providerDown" : "credentials.providerError") })];
  }
}
