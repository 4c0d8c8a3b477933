import { describe, expect, it } from "vitest";
import { isOutboundSettled } from "./outbound-view";

describe("isOutboundSettled", () => {
  it("keeps refreshing until a failure or a final report", () => {
    expect(isOutboundSettled({ status: "queued", deliveryStatus: null })).toBe(false);
    expect(isOutboundSettled({ status: "accepted", deliveryStatus: null })).toBe(false);
    expect(isOutboundSettled({ status: "accepted", deliveryStatus: "delivered" })).toBe(false);
    expect(isOutboundSettled({ status: "accepted", deliveryStatus: "read" })).toBe(true);
    expect(isOutboundSettled({ status: "accepted", deliveryStatus: "failed" })).toBe(true);
    expect(isOutboundSettled({ status: "failed", deliveryStatus: null })).toBe(true);
  });

  it("takes acceptance as final where the provider reports nothing after it (Telegram)", () => {
    expect(isOutboundSettled({ status: "accepted", deliveryStatus: null }, false)).toBe(true);
    expect(isOutboundSettled({ status: "sending", deliveryStatus: null }, false)).toBe(false);
  });
});
