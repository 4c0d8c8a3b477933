import type { IncomingMessage, ServerResponse } from "node:http";

export function parseServeArgs(args: string[], env: Record<string, string | undefined>): { port: number; hostname: string; processes: number };
export function directWebhooks(env: Record<string, string | undefined>): (request: IncomingMessage, response: ServerResponse) => boolean;
export function appendPeerAddress(request: IncomingMessage): void;
export function shutdownTimeout(env: Record<string, string | undefined>): number;
export function drainDelay(env: Record<string, string | undefined>): number;
