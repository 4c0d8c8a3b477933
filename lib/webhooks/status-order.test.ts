import { describe, expect, it } from "vitest";
import { type DeliveryStatus, type StatusState, foldStatuses, foldStatusTransitions, isTerminalStatus, nextStatus } from "./status-order";

const s = (status: DeliveryStatus, errorCode?: string, errorReason?: string): StatusState => ({
  status,
  ...(errorCode !== undefined ? { errorCode } : {}),
  ...(errorReason !== undefined ? { errorReason } : {}),
});

describe("nextStatus", () => {
  it("records the first status", () => {
    expect(nextStatus(null, s("sent"))).toEqual({ state: s("sent"), changed: true });
  });

  it("moves forward along queued < sent < delivered < read < played", () => {
    const order: DeliveryStatus[] = ["queued", "sent", "delivered", "read", "played"];
    for (let i = 1; i < order.length; i++) {
      expect(nextStatus(s(order[i - 1]!), s(order[i]!))).toEqual({ state: s(order[i]!), changed: true });
    }
  });

  it("never moves backwards: a late delivered does not override read", () => {
    expect(nextStatus(s("read"), s("delivered"))).toEqual({ state: s("read"), changed: false });
    expect(nextStatus(s("read"), s("sent"))).toEqual({ state: s("read"), changed: false });
    expect(nextStatus(s("delivered"), s("accepted"))).toEqual({ state: s("delivered"), changed: false });
  });

  it("treats a repeat as no change (provider retries)", () => {
    expect(nextStatus(s("delivered"), s("delivered"))).toEqual({ state: s("delivered"), changed: false });
    expect(nextStatus(s("queued"), s("accepted")).changed).toBe(false);
  });

  it("lets a failure replace any progress status, with its error", () => {
    expect(nextStatus(s("sent"), s("failed", "131047", "Re-engagement message"))).toEqual({
      state: s("failed", "131047", "Re-engagement message"),
      changed: true,
    });
    expect(nextStatus(s("delivered"), s("undelivered", "63024")).state).toEqual(s("undelivered", "63024"));
  });

  it("keeps a failure and its error against later progress reports", () => {
    const failed = s("failed", "63016", "Outside the allowed window");
    for (const later of ["queued", "sent", "delivered", "read", "played"] as const) {
      expect(nextStatus(failed, s(later))).toEqual({ state: failed, changed: false });
    }
  });

  it("keeps the first failure's error when another failure arrives, filling only what is missing", () => {
    const failed = s("failed", "63016", "Outside the allowed window");
    expect(nextStatus(failed, s("undelivered", "30003", "Unreachable"))).toEqual({ state: failed, changed: false });
    expect(nextStatus(s("failed"), s("failed", "131026", "Receiver incapable"))).toEqual({
      state: s("failed", "131026", "Receiver incapable"),
      changed: true,
    });
    expect(nextStatus(s("undelivered", "30003"), s("failed", "1", "Reason"))).toEqual({
      state: s("undelivered", "30003", "Reason"),
      changed: true,
    });
  });

  it("ignores unknown statuses", () => {
    expect(nextStatus(null, s("unknown"))).toEqual({ state: null, changed: false });
    expect(nextStatus(s("sent"), s("unknown"))).toEqual({ state: s("sent"), changed: false });
    expect(nextStatus(s("unknown"), s("sent"))).toEqual({ state: s("sent"), changed: true });
  });

  it("drops error fields from progress statuses", () => {
    expect(nextStatus(null, s("sent", "470", "warning"))).toEqual({ state: s("sent"), changed: true });
  });
});

describe("foldStatuses (out-of-order arrivals)", () => {
  it("ends at read whatever order sent, delivered and read arrive in", () => {
    const events = [s("sent"), s("delivered"), s("read")];
    const permutations = [
      [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0],
    ];
    for (const order of permutations) {
      expect(foldStatuses(null, order.map((i) => events[i]!))).toEqual(s("read"));
    }
  });

  it("read before delivered stays read; a failure that arrives first stays, with its error", () => {
    expect(foldStatuses(null, [s("read"), s("delivered")])).toEqual(s("read"));
    expect(foldStatuses(null, [s("failed", "131047", "Re-engagement"), s("sent"), s("delivered")])).toEqual(
      s("failed", "131047", "Re-engagement"),
    );
  });

  it("knows which statuses are terminal", () => {
    expect(isTerminalStatus("failed")).toBe(true);
    expect(isTerminalStatus("undelivered")).toBe(true);
    expect(isTerminalStatus("read")).toBe(false);
  });
});

describe("foldStatusTransitions (the write path's fold)", () => {
  it("says whether any report changed the stored state", () => {
    expect(foldStatusTransitions(s("read"), [s("delivered"), s("unknown")])).toEqual({ state: s("read"), changed: false });
    expect(foldStatusTransitions(s("sent"), [s("read"), s("delivered")])).toEqual({ state: s("read"), changed: true });
    expect(foldStatusTransitions(null, [s("unknown")])).toEqual({ state: null, changed: false });
  });
});
