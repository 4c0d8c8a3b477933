import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OutboundConnectError } from "@/lib/outbound/errors";
import type { OutboundScope } from "@/lib/outbound/guarded-call";
import { memoryScope } from "@/testing/outbound";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { fetchPresentedChain } from "./fetch-chain";
import { fixtureText, pemFingerprints } from "@/testing/fixtures/certificates";
import { closedPort, startTcpServer, startTlsServer, type TestServer } from "@/testing/fixtures/certificates/servers";

const [LEAF, INTERMEDIATE, ROOT] = pemFingerprints(fixtureText("chain.pem"));
const origin = (port: number, host = "127.0.0.1") => `https://${host}:${port}`;

/** A scope in which the given origins, and only they, are approved on the trustlist. */
const approving = (...origins: string[]): OutboundScope => memoryScope({ approvedPrefixes: origins.map((o) => `${o}/`) });

const fingerprints = async (url: string, scope = approving(url)) =>
  (await fetchPresentedChain({ origin: url, scope, timeoutMs: 2_000 })).map((certificate) => certificate.fingerprint256);

beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

describe("fetchPresentedChain", () => {
  let server: Awaited<ReturnType<typeof startTlsServer>>;
  beforeAll(async () => {
    server = await startTlsServer(["leaf.pem", "intermediate-ca.pem"]);
  });
  afterAll(() => server.close());

  it("reads the chain the server presents, leaf first, and sends no SNI to an IP address", async () => {
    const before = server.servernames.length;
    expect(await fingerprints(origin(server.port))).toEqual([LEAF, INTERMEDIATE]);
    expect(server.servernames).toHaveLength(before);
  });

  it("reads what the server presents, whatever extra CA the operator trusts for verified calls", async () => {
    process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
    try {
      expect(await fingerprints(origin(server.port))).toEqual([LEAF, INTERMEDIATE]);
    } finally {
      delete process.env.OUTBOUND_EXTRA_CA_FILE;
    }
  });

  it("names the host it was given in SNI", async () => {
    expect(await fingerprints(origin(server.port, "localhost"))).toEqual([LEAF, INTERMEDIATE]);
    expect(server.servernames.at(-1)).toBe("localhost");
  });

  it("stops at a self-signed root, which is its own issuer", async () => {
    const full = await startTlsServer(["leaf.pem", "intermediate-ca.pem", "root-ca.pem"]);
    try {
      expect(await fingerprints(origin(full.port))).toEqual([LEAF, INTERMEDIATE, ROOT]);
    } finally {
      await full.close();
    }
    const selfSigned = await startTlsServer(["self-signed.pem"], "self-signed.key");
    try {
      expect(await fingerprints(origin(selfSigned.port))).toEqual(pemFingerprints(fixtureText("self-signed.pem")));
    } finally {
      await selfSigned.close();
    }
  });
});

describe("fetchPresentedChain failures", () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  async function failure(url: string, scope = approving(url)): Promise<Error> {
    const error = await fetchPresentedChain({ origin: url, scope, timeoutMs: 300 }).then(
      () => expect.unreachable("expected the fetch to fail"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(OutboundConnectError);
    return error;
  }

  it("says 'could not connect' alike for a closed port, no TLS, silence, an unapproved private address and a failed lookup", async () => {
    const http = await startTcpServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    const silent = await startTcpServer();
    const tls = await startTlsServer();
    servers.push(http, silent, tls);
    const errors = await Promise.all([
      failure(origin(await closedPort())),
      failure(origin(http.port)),
      failure(origin(silent.port)),
      failure(origin(tls.port), approving()),
      failure(origin(tls.port), approving(origin(tls.port + 1))),
    ]);
    expect(new Set(errors.map((error) => error.message))).toEqual(new Set(["could not connect to 127.0.0.1"]));
    const dns = await failure("https://no-such-host.invalid", memoryScope({ lookup: () => Promise.reject(Object.assign(new Error("x"), { code: "ENOTFOUND" })) }));
    expect(dns.message).toBe("could not connect to no-such-host.invalid");
  });
});
