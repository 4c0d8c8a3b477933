import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TEST_CA_FILE, testServerCredentials } from "@/testing/test-ca";
import { secureContextFor, TLS_CONTEXT_CACHE_MS } from "./tls-contexts";

const ca = readFileSync(TEST_CA_FILE, "utf8");
const { cert, key } = testServerCredentials();
const clientCert = { cert: cert.toString(), key: key.toString() };

describe("secureContextFor", () => {
  it("shares one context between calls with the same anchors and client certificate", () => {
    const context = secureContextFor({ ca, clientCert }, 0);
    expect(secureContextFor({ ca, clientCert: { ...clientCert } }, 1_000)).toBe(context);
  });

  it("builds another for other anchors, another client certificate, or none", () => {
    const context = secureContextFor({ ca, clientCert }, 0);
    expect(secureContextFor({ ca }, 0)).not.toBe(context);
    expect(secureContextFor({ clientCert }, 0)).not.toBe(context);
    expect(secureContextFor({ ca: [ca, ca], clientCert }, 0)).not.toBe(context);
  });

  it("keeps a context (and the key in it) only for a few seconds", () => {
    const context = secureContextFor({ ca, clientCert }, 10_000);
    expect(secureContextFor({ ca, clientCert }, 10_000 + TLS_CONTEXT_CACHE_MS - 1)).toBe(context);
    expect(secureContextFor({ ca, clientCert }, 10_000 + TLS_CONTEXT_CACHE_MS)).not.toBe(context);
  });

  it("refuses a key that does not match the certificate, as a fresh context would", () => {
    const other = `${ca}`;
    expect(() => secureContextFor({ clientCert: { cert: other, key: clientCert.key } }, 0)).toThrow();
  });
});
