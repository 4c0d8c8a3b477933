import { describe, expect, it } from "vitest";
import { classifyChannel, RECEIVING_WINDOW_MS, summarizeChannels, type ChannelHealthInput } from "./classify";

const now = new Date("2026-12-05T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const channel = (overrides: Partial<ChannelHealthInput> = {}): ChannelHealthInput => ({
  id: overrides.name ?? "c",
  name: "c",
  status: "enabled",
  lastAcceptedAt: null,
  recentRejections: 0,
  lastRejectionReason: null,
  lastCheck: null,
  ...overrides,
});

describe("classifyChannel", () => {
  it("calls a channel that accepted a delivery within the window receiving, up to the window's edge", () => {
    expect(classifyChannel(channel({ lastAcceptedAt: ago(60_000) }), now).state).toBe("receiving");
    expect(classifyChannel(channel({ lastAcceptedAt: ago(RECEIVING_WINDOW_MS) }), now).state).toBe("receiving");
    expect(classifyChannel(channel({ lastAcceptedAt: ago(RECEIVING_WINDOW_MS + 1) }), now).state).toBe("silent");
  });

  it("calls an enabled channel never called silent", () => {
    expect(classifyChannel(channel(), now)).toMatchObject({ state: "silent", causes: [] });
  });

  it("calls a channel failing on recent rejections, even while it also accepts deliveries", () => {
    const result = classifyChannel(channel({ lastAcceptedAt: ago(1000), recentRejections: 3, lastRejectionReason: "signatureMismatch" }), now);
    expect(result).toMatchObject({ state: "failing", causes: ["rejections"] });
  });

  it("calls a channel failing when its last connection check failed, not when it only warned", () => {
    const failed = { outcome: "failed" as const, checkedAt: ago(10 * RECEIVING_WINDOW_MS) };
    expect(classifyChannel(channel({ lastCheck: failed }), now)).toMatchObject({ state: "failing", causes: ["connectionCheck"] });
    expect(classifyChannel(channel({ lastCheck: { ...failed, outcome: "warning" } }), now).state).toBe("silent");
    expect(classifyChannel(channel({ lastCheck: failed, recentRejections: 1 }), now).causes).toEqual(["rejections", "connectionCheck"]);
  });

  it("counts a disabled channel as disabled whatever its traffic and checks say", () => {
    const result = classifyChannel(channel({ status: "disabled", recentRejections: 5, lastCheck: { outcome: "failed", checkedAt: now } }), now);
    expect(result).toMatchObject({ state: "disabled", causes: [] });
  });
});

describe("summarizeChannels", () => {
  it("counts every channel once and lists the failing worst first and the silent longest silent first", () => {
    const summary = summarizeChannels(
      [
        channel({ name: "ok", lastAcceptedAt: ago(1000) }),
        channel({ name: "b-few", recentRejections: 1 }),
        channel({ name: "a-many", recentRejections: 9 }),
        channel({ name: "quiet-recent", lastAcceptedAt: ago(RECEIVING_WINDOW_MS * 2) }),
        channel({ name: "quiet-old", lastAcceptedAt: ago(RECEIVING_WINDOW_MS * 5) }),
        channel({ name: "never" }),
        channel({ name: "off", status: "disabled" }),
      ],
      now,
    );
    expect(summary.total).toBe(7);
    expect(summary.counts).toEqual({ receiving: 1, silent: 3, failing: 2, disabled: 1 });
    expect(summary.failing.map((c) => c.name)).toEqual(["a-many", "b-few"]);
    expect(summary.silent.map((c) => c.name)).toEqual(["never", "quiet-old", "quiet-recent"]);
  });

  it("summarises an empty tenant as nothing at all", () => {
    expect(summarizeChannels([], now)).toEqual({ total: 0, counts: { receiving: 0, silent: 0, failing: 0, disabled: 0 }, failing: [], silent: [] });
  });
});
