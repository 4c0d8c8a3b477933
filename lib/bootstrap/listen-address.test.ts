import net from "node:net";
import { describe, expect, it } from "vitest";
import { assertCanListen, isBeyondLoopback, listenOptions } from "./listen-address";

describe("listenOptions", () => {
  it("listens on loopback by default on the embedded database, and where the server always did with DATABASE_URL", () => {
    expect(listenOptions([], {}, "embedded")).toEqual({ port: 3000, host: "127.0.0.1", rest: [] });
    expect(listenOptions([], {}, "server")).toEqual({ port: 3000, host: null, rest: [] });
  });

  it("takes HOST and PORT, and -H / -p over them", () => {
    expect(listenOptions([], { HOST: "0.0.0.0", PORT: "4000" }, "embedded")).toEqual({ port: 4000, host: "0.0.0.0", rest: [] });
    expect(listenOptions(["-H", "::1", "--port", "4001"], { HOST: "0.0.0.0", PORT: "4000" }, "server")).toEqual({ port: 4001, host: "::1", rest: [] });
    expect(listenOptions(["--hostname", "10.0.0.5", "-p", "80", "--turbopack"], {}, "embedded")).toEqual({ port: 80, host: "10.0.0.5", rest: ["--turbopack"] });
  });

  it("refuses a flag without its value and a port that is not one, with a sentence", () => {
    expect(() => listenOptions(["-H"], {}, "embedded")).toThrow("-H needs a value: give it as `-H 127.0.0.1`.");
    expect(() => listenOptions([], { PORT: "http" }, "embedded")).toThrow('"http" is not a port number: set PORT (or -p)');
    expect(() => listenOptions(["-p", "70000"], {}, "embedded")).toThrow('"70000" is not a port number');
  });
});

describe("isBeyondLoopback", () => {
  it("tells loopback addresses and names from the rest", async () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "localhost"]) expect(await isBeyondLoopback(host), host).toBe(false);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.1", "2001:db8::1", "no-such-host.invalid"]) expect(await isBeyondLoopback(host), host).toBe(true);
  });
});

describe("assertCanListen", () => {
  it("passes on a free port and refuses a busy one with a sentence naming the port and PORT", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      await expect(assertCanListen(port, "127.0.0.1")).rejects.toThrow(
        `127.0.0.1 port ${port} is already in use: stop the program that uses it, or choose another port with PORT (or -p).`,
      );
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    await expect(assertCanListen(port, "127.0.0.1")).resolves.toBeUndefined();
  });

  it("refuses an address this machine does not have", async () => {
    await expect(assertCanListen(0, "192.0.2.1")).rejects.toThrow("192.0.2.1 is not an address of this machine: set HOST (or -H)");
  });
});
