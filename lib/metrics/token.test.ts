import { describe, expect, it } from "vitest";
import { metricsAccess } from "./token";

describe("metrics token", () => {
  it("is disabled without METRICS_TOKEN, whatever the caller sends", () => {
    expect(metricsAccess("Bearer anything", undefined)).toBe("disabled");
    expect(metricsAccess("Bearer anything", "  ")).toBe("disabled");
  });

  it("grants only the configured bearer token", () => {
    const token = "s3cret-metrics-token";
    expect(metricsAccess(`Bearer ${token}`, token)).toBe("granted");
    expect(metricsAccess(`bearer ${token}`, token)).toBe("granted");
    expect(metricsAccess(`Bearer ${token}x`, token)).toBe("denied");
    expect(metricsAccess(`Bearer ${token.slice(1)}`, token)).toBe("denied");
    expect(metricsAccess(token, token)).toBe("denied");
    expect(metricsAccess(`Basic ${token}`, token)).toBe("denied");
    expect(metricsAccess("Bearer ", token)).toBe("denied");
    expect(metricsAccess(null, token)).toBe("denied");
  });
});
