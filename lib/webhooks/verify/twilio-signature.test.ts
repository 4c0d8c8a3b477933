import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";
import {
  parseFormParams,
  publicRequestUrl,
  twilioSignature,
  twilioSignedData,
  twilioUrlVariants,
  verifyTwilioSignature,
} from "./twilio-signature";

// twilio-python tests/unit/test_request_validator.py (protocols.md §4 worked example).
const TOKEN = "12345";
const URL_ = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
const EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

describe("twilioSignature (SDK test vectors)", () => {
  it("builds the documented string to sign", () => {
    expect(twilioSignedData(URL_, PARAMS)).toBe(
      `${URL_}CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212`,
    );
  });

  it("reproduces RSOYDt4T1cUTdK1PDd93/VVr8B8= whatever order the parameters come in", () => {
    expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(EXPECTED);
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(twilioSignature(TOKEN, URL_, reversed)).toBe(EXPECTED);
  });

  it("reproduces the twilio-node sample (another caller number): GvWf1cFY/Q7PnoempGyD5oXAezc=", () => {
    const params = { ...PARAMS, Caller: "+14158675310", From: "+14158675310" };
    expect(twilioSignature(TOKEN, URL_, params)).toBe("GvWf1cFY/Q7PnoempGyD5oXAezc=");
  });

  it("sorts and de-duplicates the values of a repeated name (IK+Dwps556ElfBT0I3Rgjkr1wJU=)", () => {
    const params = parseFormParams("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234");
    expect(params).toEqual({ Sid: ["CA123"], SidAccount: ["AC123"], Digits: ["5678", "1234"] });
    expect(twilioSignature(TOKEN, URL_, params)).toBe("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    expect(twilioSignature(TOKEN, URL_, { ...params, Digits: ["1234", "5678", "1234"] })).toBe("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  });
});

describe("parseFormParams", () => {
  it("decodes + and percent escapes and keeps empty values", () => {
    expect(parseFormParams("Body=Hello+w%C3%B6rld%21&From=whatsapp%3A%2B16505551234&Empty=")).toEqual({
      Body: ["Hello wörld!"],
      From: ["whatsapp:+16505551234"],
      Empty: [""],
    });
  });

  it("keeps names like __proto__ as plain data", () => {
    const params = parseFormParams("__proto__=x&constructor=y");
    expect(Object.keys(params).sort()).toEqual(["__proto__", "constructor"]);
    expect(params["__proto__"]).toEqual(["x"]);
  });
});

describe("twilioUrlVariants", () => {
  it("adds the default port when there is none", () => {
    expect(twilioUrlVariants("https://a.example/x?y=1")).toEqual(["https://a.example/x?y=1", "https://a.example:443/x?y=1"]);
    expect(twilioUrlVariants("http://a.example/x")).toEqual(["http://a.example/x", "http://a.example:80/x"]);
  });

  it("removes a port that is named, keeping the rest byte for byte", () => {
    expect(twilioUrlVariants("https://a.example:443/p%20q?x=a%2Bb")).toEqual(["https://a.example:443/p%20q?x=a%2Bb", "https://a.example/p%20q?x=a%2Bb"]);
    expect(twilioUrlVariants("https://a.example:8443/x")).toEqual(["https://a.example:8443/x", "https://a.example/x"]);
    expect(twilioUrlVariants("https://user:pw@[::1]:443/x")).toEqual(["https://user:pw@[::1]:443/x", "https://user:pw@[::1]/x"]);
  });
});

describe("verifyTwilioSignature", () => {
  const form = twilioForm(PARAMS);

  it("accepts the worked example from a form body", () => {
    expect(verifyTwilioSignature({ authToken: TOKEN, signature: EXPECTED, url: URL_, rawBody: form })).toEqual({ ok: true });
  });

  // twilio-python: validation_adds_port_on_https / _on_http, removes_port_on_https / _on_http.
  it.each([
    ["signed with :443, called without a port", URL_, "kvajT1Ptam85bY51eRf/AJRuM3w="],
    ["signed with :80, called without a port", URL_.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    ["signed without a port, URL names one", URL_.replace(".com", ".com:1234"), EXPECTED],
    ["signed with the port named in the URL", URL_.replace(".com", ".com:1234").replace("https", "http"), "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="],
  ])("tries port variants: %s", (_case, url, signature) => {
    expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: form })).toEqual({ ok: true });
  });

  it("validates over every received parameter, including ones Twilio adds without notice", () => {
    const params = { ...PARAMS, NewParam2031: "surprise" };
    const signature = twilioSignature(TOKEN, URL_, params);
    expect(verifyTwilioSignature({ authToken: TOKEN, signature, url: URL_, rawBody: twilioForm(params) })).toEqual({ ok: true });
    // Dropping the unknown parameter (a validator with a fixed list) must not verify.
    expect(verifyTwilioSignature({ authToken: TOKEN, signature, url: URL_, rawBody: form })).toEqual({ ok: false, reason: "signatureMismatch" });
  });

  it("verifies a real-shaped WhatsApp inbound form with duplicate keys", () => {
    const inbound = twilioFixtures("twilio-inbound.json").media!;
    const url = "https://console.example/api/webhooks/twilio/AbCdEfGhIjKlMnOpQrStUvWxYz012345/message";
    const body = `${twilioForm(inbound)}&MediaUrl0=${encodeURIComponent("https://extra.example/a")}`;
    const signature = twilioSignature(TOKEN, url, parseFormParams(body));
    expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: body })).toEqual({ ok: true });
    expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: twilioForm(inbound) })).toEqual({ ok: false, reason: "signatureMismatch" });
  });

  it("refuses a changed parameter, URL or token", () => {
    const tampered = twilioForm({ ...PARAMS, Digits: "9999" });
    expect(verifyTwilioSignature({ authToken: TOKEN, signature: EXPECTED, url: URL_, rawBody: tampered })).toEqual({ ok: false, reason: "signatureMismatch" });
    expect(verifyTwilioSignature({ authToken: TOKEN, signature: EXPECTED, url: `${URL_}&baz=3`, rawBody: form })).toEqual({ ok: false, reason: "signatureMismatch" });
    expect(verifyTwilioSignature({ authToken: "54321", signature: EXPECTED, url: URL_, rawBody: form })).toEqual({ ok: false, reason: "signatureMismatch" });
  });

  describe("JSON webhooks (bodySHA256)", () => {
    // twilio-python: test_compute_hash_unicode, test_validation_of_body_succeeds.
    const body = '{"property": "value", "boolean": true}';
    const bodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    const url = `${URL_}&bodySHA256=${bodyHash}`;
    const signature = "a9nBmqA0ju/hNViExpshrM61xv4=";

    it("signs the URL without parameters and checks the body hash", () => {
      expect(createHash("sha256").update(body).digest("hex")).toBe(bodyHash);
      expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: body })).toEqual({ ok: true });
      expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: Buffer.from(body) })).toEqual({ ok: true });
    });

    it("refuses a body that does not match bodySHA256, even with a valid URL signature", () => {
      expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: '{"property": "evil"}' })).toEqual({ ok: false, reason: "bodyHashMismatch" });
    });

    it("refuses a bodySHA256 that is not a SHA-256 hex digest", () => {
      const badUrl = `${URL_}&bodySHA256=abc`;
      const badSignature = twilioSignature(TOKEN, badUrl);
      expect(verifyTwilioSignature({ authToken: TOKEN, signature: badSignature, url: badUrl, rawBody: body })).toEqual({ ok: false, reason: "bodyHashMismatch" });
    });
  });

  it("reports a missing or malformed header and a missing token", () => {
    expect(verifyTwilioSignature({ authToken: TOKEN, signature: null, url: URL_, rawBody: form })).toEqual({ ok: false, reason: "signatureMissing" });
    expect(verifyTwilioSignature({ authToken: TOKEN, signature: " ", url: URL_, rawBody: form })).toEqual({ ok: false, reason: "signatureMissing" });
    for (const bad of ["RSOYDt4T1cUTdK1PDd93/VVr8B8", "RSOYDt4T1cUTdK1PDd93/VVr8B8=x", "not base64 at all!!!!!!!!!!=", `${EXPECTED}, ${EXPECTED}`]) {
      expect(verifyTwilioSignature({ authToken: TOKEN, signature: bad, url: URL_, rawBody: form })).toEqual({ ok: false, reason: "signatureMalformed" });
    }
    expect(verifyTwilioSignature({ authToken: "", signature: twilioSignature("", URL_, PARAMS), url: URL_, rawBody: form })).toEqual({
      ok: false,
      reason: "secretNotConfigured",
    });
  });
});

describe("publicRequestUrl", () => {
  const path = "/api/webhooks/twilio/AbCdEfGhIjKlMnOpQrStUvWxYz012345/message";

  it("replaces Next's internal origin with the configured public base URL", () => {
    expect(publicRequestUrl("https://console.example", `http://0.0.0.0:3000${path}`)).toBe(`https://console.example${path}`);
    expect(publicRequestUrl("https://console.example/", `http://localhost:3000${path}`)).toBe(`https://console.example${path}`);
  });

  it("keeps the raw query string exactly and drops a fragment", () => {
    expect(publicRequestUrl("https://console.example", `http://0.0.0.0:3000${path}?a=x%20y&b=%2B1+2#ct=1000`)).toBe(
      `https://console.example${path}?a=x%20y&b=%2B1+2`,
    );
  });

  it("accepts a bare path (node:http's req.url)", () => {
    expect(publicRequestUrl("https://console.example:8443", `${path}?x=1`)).toBe(`https://console.example:8443${path}?x=1`);
  });

  it("does not double a base path the request already carries", () => {
    expect(publicRequestUrl("https://host.example/console", `http://10.0.0.5:3000/console${path}`)).toBe(`https://host.example/console${path}`);
    expect(publicRequestUrl("https://host.example/console", `http://10.0.0.5:3000${path}`)).toBe(`https://host.example/console${path}`);
  });

  it("produces a URL whose signature verifies against what Twilio signed", () => {
    const publicUrl = `https://console.example${path}`;
    const params = twilioFixtures("twilio-status.json").delivered!;
    const signature = twilioSignature(TOKEN, publicUrl, params);
    const url = publicRequestUrl("https://console.example", `http://0.0.0.0:3000${path}`);
    expect(verifyTwilioSignature({ authToken: TOKEN, signature, url, rawBody: twilioForm(params) })).toEqual({ ok: true });
  });
});
