import { COLLECTOR } from "./cluster-bridge.mjs";
import { metrics } from "./registry";

/** Lets the bridge (cluster-bridge.mjs) read this process's registry, however Next bundled it. */
export function publishMetricsCollector(): void {
  (globalThis as Record<symbol, unknown>)[COLLECTOR] = () => metrics().registry.getMetricsAsJSON();
}
