import { describe, expect, it } from "vitest";
import { liveStatusOf, toSnapshot, type EndpointStatusSnapshot } from "./webhook-live-status";

const T1 = "2026-11-22T10:00:00.000Z";
const T2 = "2026-11-22T10:05:00.000Z";
const T3 = "2026-11-22T10:10:00.000Z";

const row = (values: Partial<EndpointStatusSnapshot>): EndpointStatusSnapshot => ({
  endpoint: "webhook",
  lastAcceptedAt: null,
  verifiedAt: null,
  lastRejectedAt: null,
  lastRejectionReason: null,
  ...values,
});

describe("liveStatusOf", () => {
  it("waits while a URL was never called", () => {
    expect(liveStatusOf(undefined)).toEqual({ state: "waiting", lastCallAt: null, verifiedAt: null, rejection: null });
  });

  it("shows rejections of a URL that never accepted a call", () => {
    expect(liveStatusOf(row({ lastRejectedAt: T1, lastRejectionReason: "signatureMismatch" }))).toEqual({
      state: "waiting",
      lastCallAt: null,
      verifiedAt: null,
      rejection: { at: T1, reason: "signatureMismatch" },
    });
  });

  it("receives after an accepted call, hiding an older rejection", () => {
    expect(liveStatusOf(row({ lastAcceptedAt: T2, lastRejectedAt: T1, lastRejectionReason: "signatureMismatch" }))).toEqual({
      state: "receiving",
      lastCallAt: T2,
      verifiedAt: null,
      rejection: null,
    });
  });

  it("keeps receiving but shows a rejection newer than the last good call", () => {
    expect(liveStatusOf(row({ lastAcceptedAt: T1, lastRejectedAt: T2, lastRejectionReason: "credentialsMismatch" }))).toMatchObject({
      state: "receiving",
      lastCallAt: T1,
      rejection: { at: T2, reason: "credentialsMismatch" },
    });
  });

  it("counts Meta's verification as a call, and the newer of the two as the last one", () => {
    expect(liveStatusOf(row({ verifiedAt: T1 }))).toMatchObject({ state: "receiving", lastCallAt: T1, verifiedAt: T1 });
    expect(liveStatusOf(row({ verifiedAt: T3, lastAcceptedAt: T2, lastRejectedAt: T2, lastRejectionReason: "payloadInvalid" }))).toMatchObject({
      lastCallAt: T3,
      rejection: null,
    });
    expect(liveStatusOf(row({ verifiedAt: T1, lastAcceptedAt: T2 })).lastCallAt).toBe(T2);
  });
});

describe("toSnapshot", () => {
  it("turns the row's times into ISO strings", () => {
    expect(
      toSnapshot({ endpoint: "message", lastAcceptedAt: new Date(T1), verifiedAt: null, lastRejectedAt: new Date(T2), lastRejectionReason: "bodyTooLarge" }),
    ).toEqual({ endpoint: "message", lastAcceptedAt: T1, verifiedAt: null, lastRejectedAt: T2, lastRejectionReason: "bodyTooLarge" });
  });
});
