import { describe, expect, it } from "vitest";
import { requestIdOf } from "./request";
import { routePattern } from "./route-pattern";

const headers = (id?: string) => new Headers(id === undefined ? {} : { "x-request-id": id });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a load balancer's id", () => {
    expect(requestIdOf(headers("lb-1a2b3c4d5e"))).toBe("lb-1a2b3c4d5e");
  });

  it("replaces a missing, short, long or odd one with a fresh UUID", () => {
    for (const given of [undefined, "x", "a".repeat(129), "id with spaces", '"><script>']) {
      const id = requestIdOf(headers(given));
      expect(id).toMatch(UUID);
    }
    expect(requestIdOf(headers())).not.toBe(requestIdOf(headers()));
  });
});

describe("route patterns", () => {
  it("turns ids and numbers into placeholders, so one route is one label", () => {
    expect(routePattern("/api/exports/6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f/download")).toBe("/api/exports/:id/download");
    expect(routePattern("/api/channels/42")).toBe("/api/channels/:n");
    expect(routePattern("/api/health")).toBe("/api/health");
  });
});
