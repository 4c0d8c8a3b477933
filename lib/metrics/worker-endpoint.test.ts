import { afterEach, describe, expect, it } from "vitest";
import { Counter, Registry } from "prom-client";
import type http from "node:http";
import { listeningPort, startWorkerMetricsEndpoint, workerMetricsSettings } from "./worker-endpoint";

describe("workerMetricsSettings", () => {
  it("is off without a port", () => {
    expect(workerMetricsSettings({ METRICS_TOKEN: "t" })).toBeNull();
    expect(workerMetricsSettings({ WORKER_METRICS_PORT: "  " })).toBeNull();
  });

  it("needs a token and a real port, and listens on loopback unless told otherwise", () => {
    expect(() => workerMetricsSettings({ WORKER_METRICS_PORT: "9464" })).toThrow(/needs METRICS_TOKEN/);
    expect(() => workerMetricsSettings({ WORKER_METRICS_PORT: "http", METRICS_TOKEN: "t" })).toThrow(/must be a port number/);
    expect(() => workerMetricsSettings({ WORKER_METRICS_PORT: "70000", METRICS_TOKEN: "t" })).toThrow(/must be a port number/);
    expect(workerMetricsSettings({ WORKER_METRICS_PORT: "9464", METRICS_TOKEN: " t " })).toEqual({ port: 9464, host: "127.0.0.1", token: "t" });
    expect(workerMetricsSettings({ WORKER_METRICS_PORT: "9464", METRICS_TOKEN: "t", METRICS_HOST: "0.0.0.0" })?.host).toBe("0.0.0.0");
  });
});

describe("the worker's metrics endpoint", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("serves its registry to the token's bearer only, on /metrics only", async () => {
    const registry = new Registry();
    new Counter({ name: "probe_total", help: "a probe", registers: [registry] }).inc(3);
    server = await startWorkerMetricsEndpoint({ port: 0, host: "127.0.0.1", token: "s3cret" }, registry);
    const base = `http://127.0.0.1:${listeningPort(server)}`;

    const granted = await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer s3cret" } });
    expect(granted.status).toBe(200);
    expect(granted.headers.get("content-type")).toContain("text/plain");
    expect(await granted.text()).toContain("probe_total 3");

    const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    expect(await wrong.text()).not.toContain("probe_total");
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/other`, { headers: { Authorization: "Bearer s3cret" } })).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST", headers: { Authorization: "Bearer s3cret" } })).status).toBe(405);
  });
});
