export function parseServeArgs(args: string[], env: Record<string, string | undefined>): { port: number; hostname: string; processes: number };
