import { describe, expect, it } from "vitest";
import { fixtureText } from "@/testing/fixtures/certificates";
import { certificateUploadFor } from "./certificate";
import { disallowedTelegramPort } from "./ports";

const selfSigned = fixtureText("self-signed.pem");
const now = new Date("2026-06-01T00:00:00Z");

describe("certificateUploadFor", () => {
  it("uploads a self-signed certificate whose SAN is the webhook's IP, public part only", () => {
    const answer = certificateUploadFor("https://127.0.0.1:8443/api/webhooks/telegram/k", selfSigned, now);
    expect(answer).toEqual({ upload: true, pem: expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/) });
  });

  it("uploads nothing for a domain name, http, no certificate, or a certificate a CA signed", () => {
    expect(certificateUploadFor("https://console.example:8443/x", selfSigned, now)).toEqual({ upload: false });
    expect(certificateUploadFor("http://127.0.0.1:8443/x", selfSigned, now)).toEqual({ upload: false });
    expect(certificateUploadFor("https://127.0.0.1:8443/x", null, now)).toEqual({ upload: false });
    expect(certificateUploadFor("https://127.0.0.1:8443/x", fixtureText("leaf.pem"), now)).toEqual({ upload: false });
  });

  it("refuses what Telegram would not take: another IP, expired, a bundle, a key, a port it never calls", () => {
    expect(certificateUploadFor("https://203.0.113.10:8443/x", selfSigned, now)).toEqual({ upload: false, problem: "hostMismatch" });
    expect(certificateUploadFor("https://127.0.0.1:8443/x", fixtureText("expired.pem"), now)).toEqual({ upload: false, problem: "expired" });
    expect(certificateUploadFor("https://127.0.0.1:8443/x", selfSigned + fixtureText("root-ca.pem"), now)).toEqual({ upload: false, problem: "notOneCertificate" });
    expect(certificateUploadFor("https://127.0.0.1:8443/x", selfSigned + fixtureText("self-signed.key"), now)).toEqual({ upload: false, problem: "hasPrivateKey" });
    expect(certificateUploadFor("https://127.0.0.1:3443/x", selfSigned, now)).toEqual({ upload: false, problem: "portNotAllowed", port: 3443 });
  });
});

describe("disallowedTelegramPort", () => {
  it("allows 443, 80, 88 and 8443 (written or by default) and names any other", () => {
    for (const url of ["https://a.example/x", "https://a.example:443/", "http://a.example/", "https://1.2.3.4:88/", "https://1.2.3.4:8443/"]) {
      expect(disallowedTelegramPort(url)).toBeNull();
    }
    expect(disallowedTelegramPort("https://1.2.3.4:3000/")).toBe(3000);
    expect(disallowedTelegramPort("not a url")).toBeNull();
  });
});
