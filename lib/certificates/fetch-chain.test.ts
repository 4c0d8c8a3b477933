import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPresentedChain, fetchProblemOf, FetchChainError, type FetchProblem } from "./fetch-chain";
import { fixtureText, pemFingerprints } from "./fixtures";
import { closedPort, startTcpServer, startTlsServer, type TestServer } from "./fixtures/servers";

const [LEAF, INTERMEDIATE, ROOT] = pemFingerprints(fixtureText("chain.pem"));
const fingerprints = async (target: { host: string; port: number }) =>
  (await fetchPresentedChain(target)).map((certificate) => certificate.fingerprint256);

async function problemOf(run: () => Promise<unknown>): Promise<FetchProblem | undefined> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(FetchChainError);
    return (error as FetchChainError).problem;
  }
  return undefined;
}

describe("fetchPresentedChain", () => {
  let server: Awaited<ReturnType<typeof startTlsServer>>;
  beforeAll(async () => {
    server = await startTlsServer(["leaf.pem", "intermediate-ca.pem"]);
  });
  afterAll(() => server.close());

  it("reads the chain the server presents, leaf first, and sends no SNI to an IP address", async () => {
    const before = server.servernames.length;
    expect(await fingerprints({ host: "127.0.0.1", port: server.port })).toEqual([LEAF, INTERMEDIATE]);
    expect(server.servernames).toHaveLength(before);
  });

  it("names the host it was given in SNI", async () => {
    expect(await fingerprints({ host: "localhost", port: server.port })).toEqual([LEAF, INTERMEDIATE]);
    expect(server.servernames.at(-1)).toBe("localhost");
  });

  it("stops at a self-signed root, which is its own issuer", async () => {
    const full = await startTlsServer(["leaf.pem", "intermediate-ca.pem", "root-ca.pem"]);
    try {
      expect(await fingerprints({ host: "127.0.0.1", port: full.port })).toEqual([LEAF, INTERMEDIATE, ROOT]);
    } finally {
      await full.close();
    }
    const selfSigned = await startTlsServer(["self-signed.pem"], "self-signed.key");
    try {
      expect(await fingerprints({ host: "127.0.0.1", port: selfSigned.port })).toEqual(pemFingerprints(fixtureText("self-signed.pem")));
    } finally {
      await selfSigned.close();
    }
  });
});

describe("fetchPresentedChain failures", () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it("says when the port is closed", async () => {
    const port = await closedPort();
    expect(await problemOf(() => fetchPresentedChain({ host: "127.0.0.1", port }))).toBe("fetchRefused");
  });

  it("says when the server does not speak TLS", async () => {
    const http = await startTcpServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    servers.push(http);
    expect(await problemOf(() => fetchPresentedChain({ host: "127.0.0.1", port: http.port }))).toBe("fetchNotTls");
  });

  it("gives up after the timeout when the server never answers", async () => {
    const silent = await startTcpServer();
    servers.push(silent);
    const started = Date.now();
    expect(await problemOf(() => fetchPresentedChain({ host: "127.0.0.1", port: silent.port, timeoutMs: 300 }))).toBe("fetchTimeout");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("says when the host name does not resolve", async () => {
    expect(await problemOf(() => fetchPresentedChain({ host: "no-such-host.invalid", port: 443, timeoutMs: 5_000 }))).toMatch(
      /^fetch(DnsFailed|Timeout)$/,
    );
  });

  it.each([
    ["ENOTFOUND", "fetchDnsFailed"],
    ["EAI_AGAIN", "fetchDnsFailed"],
    ["ECONNREFUSED", "fetchRefused"],
    ["EHOSTUNREACH", "fetchUnreachable"],
    ["ETIMEDOUT", "fetchTimeout"],
    ["ECONNRESET", "fetchNotTls"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "fetchNotTls"],
    ["EWHATEVER", "fetchFailed"],
  ])("maps %s to %s", (code, problem) => {
    expect(fetchProblemOf(Object.assign(new Error("x"), { code }))).toBe(problem);
  });
});
