import type { EventEmitter } from "node:events";
import type { MetricObjectWithValues, MetricValue } from "prom-client";

/** A process, a cluster worker or a child process: something that sends and receives IPC messages. */
type Channel = Pick<EventEmitter, "on" | "off"> & { send?(message: object): unknown };
export type ProcessMetrics = MetricObjectWithValues<MetricValue<string>>[];

export const COLLECTOR: unique symbol;
export const BRIDGE_ENV: string;
export function answerCollects(channel: Channel): void;
export function relayScrapes(): void;
export function scrapeAll(): Promise<ProcessMetrics[]>;
