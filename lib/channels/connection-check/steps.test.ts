import { describe, expect, it } from "vitest";
import { completeSteps, failureSteps, overallOutcome, passed, transportSteps } from "./steps";

describe("completeSteps", () => {
  it("puts the steps in order and skips every step after a failed one", () => {
    const steps = completeSteps([passed("address"), passed("tcp"), { step: "tls", outcome: "failed" }]);
    expect(steps.map((s) => [s.step, s.outcome])).toEqual([
      ["address", "passed"],
      ["tcp", "passed"],
      ["tls", "failed"],
      ["credentials", "skipped"],
      ["identity", "skipped"],
      ["webhook", "skipped"],
    ]);
    expect(steps[3]!.adviceKey).toBe("connectionCheck.advice.skippedAfterFailure");
  });
});

describe("overallOutcome", () => {
  it("is failed over warning over passed; skipped steps do not count", () => {
    expect(overallOutcome([passed("address"), { step: "webhook", outcome: "skipped" }])).toBe("passed");
    expect(overallOutcome([passed("address"), { step: "webhook", outcome: "warning" }])).toBe("warning");
    expect(overallOutcome([{ step: "tcp", outcome: "failed" }, { step: "webhook", outcome: "warning" }])).toBe("failed");
  });
});

describe("transportSteps", () => {
  it("says the client certificate is missing when the server demanded one and the channel has none", () => {
    expect(transportSteps({ ok: false, stage: "tls", reason: "clientCertificate" }, false).at(-1)?.adviceKey).toBe("connectionCheck.advice.tls.clientCertificateMissing");
    expect(transportSteps({ ok: false, stage: "tls", reason: "clientCertificate" }, true).at(-1)?.adviceKey).toBe("connectionCheck.advice.tls.clientCertificate");
  });

  it("fails only the address step for a refused address", () => {
    expect(transportSteps({ ok: false, stage: "address", reason: "notAllowed" }, false)).toEqual([
      { step: "address", outcome: "failed", adviceKey: "connectionCheck.advice.addressNotAllowed" },
    ]);
  });
});

describe("failureSteps", () => {
  it("puts a refused credential on the credentials step with the provider's code and words", () => {
    expect(failureSteps({ kind: "unauthorized", retryable: false, status: 401, code: "190", message: "Invalid OAuth access token" })).toEqual([
      { step: "credentials", outcome: "failed", providerCode: "190", message: "Invalid OAuth access token", adviceKey: "connectionCheck.advice.credentials.refused" },
    ]);
  });

  it("puts an unknown number on the identity step, the credentials having worked", () => {
    const steps = failureSteps({ kind: "not-found", retryable: false, status: 400, code: "100" });
    expect(steps.map((s) => [s.step, s.outcome])).toEqual([
      ["credentials", "passed"],
      ["identity", "failed"],
    ]);
  });
});
