import { lookup } from "node:dns/promises";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { StartError } from "./start-failure";

export interface ListenOptions {
  port: number;
  /** null: leave the server's own default (with DATABASE_URL, as before HOST existed). */
  host: string | null;
  /** Arguments other than the port and host, for the server. */
  rest: string[];
}

/**
 * Where the console listens. `-p` / `-H` win over PORT / HOST. On the embedded database (a
 * demo with published passwords) the default is loopback only; with DATABASE_URL the server's
 * own default stays (all addresses).
 */
export function listenOptions(args: string[], env: Record<string, string | undefined>, database: "embedded" | "server"): ListenOptions {
  let port: string | undefined = env.PORT || undefined;
  let host: string | null = env.HOST || (database === "embedded" ? "127.0.0.1" : null);
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === "-p" || arg === "--port" || arg === "-H" || arg === "--hostname") {
      const isPort = arg === "-p" || arg === "--port";
      if (value === undefined) throw new StartError(`${arg} needs a value: give it as \`${arg} ${isPort ? "4000" : "127.0.0.1"}\`.`);
      if (isPort) port = value;
      else host = value;
      i++;
    } else rest.push(arg);
  }
  const number = Number(port ?? 3000);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) {
    throw new StartError(`"${port}" is not a port number: set PORT (or -p) to a number from 1 to 65535.`);
  }
  return { port: number, host, rest };
}

/** True when `host` reaches beyond this machine: any address that is not loopback, or a name that resolves to one. */
export async function isBeyondLoopback(host: string): Promise<boolean> {
  const isLoopback = (address: string) => ipaddr.process(address).range() === "loopback";
  if (ipaddr.isValid(host)) return !isLoopback(host);
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length === 0 || !addresses.every(({ address }) => isLoopback(address));
  } catch {
    return true; // a name we cannot resolve is not known to be private
  }
}

/**
 * Fails now, with a sentence, when the console could not listen there: otherwise that would
 * only show after the build, as a crash of the server processes.
 */
export async function assertCanListen(port: number, host: string | null): Promise<void> {
  const where = `${host ?? "all addresses"} port ${port}`;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      const sentences: Record<string, string> = {
        EADDRINUSE: `${where} is already in use: stop the program that uses it, or choose another port with PORT (or -p).`,
        EACCES: `listening on ${where} needs privileges this user lacks: choose a port above 1023 with PORT (or -p).`,
        EADDRNOTAVAIL: `${host} is not an address of this machine: set HOST (or -H) to one that is, such as 127.0.0.1 or 0.0.0.0.`,
        ENOTFOUND: `the host name ${host} does not resolve: set HOST (or -H) to an address of this machine, such as 127.0.0.1 or 0.0.0.0.`,
      };
      reject(new StartError(sentences[error.code ?? ""] ?? `cannot listen on ${where} (${error.code ?? error.message}): set HOST / PORT (or -H / -p) to an address and port this machine offers.`));
    });
    probe.listen({ port, ...(host ? { host } : {}), exclusive: true }, () => probe.close(() => resolve()));
  });
}
