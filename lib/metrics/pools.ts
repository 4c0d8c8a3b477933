import type pg from "pg";

/*
 * Pool use is read when Prometheus scrapes (registry.ts), not counted on every checkout: pg.Pool
 * keeps the numbers anyway. Each process names the pools it opened (web, exports, outbound).
 */

const globalForPools = globalThis as unknown as { channelConsolePools?: Map<string, pg.Pool> };

export function watchedPools(): Map<string, pg.Pool> {
  return (globalForPools.channelConsolePools ??= new Map());
}

export function watchPool(name: string, pool: pg.Pool): void {
  watchedPools().set(name, pool);
}
