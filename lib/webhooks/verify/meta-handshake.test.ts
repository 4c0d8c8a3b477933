import { describe, expect, it } from "vitest";
import { verifyMetaHandshake } from "./meta-handshake";

const TOKEN = "Vt_4kq9Jm2x-Rr0u5LbN8sWzYc1eHfA3dGiKoPlQvTn";
const query = (params: Record<string, string>) => new URLSearchParams(params);

describe("verifyMetaHandshake", () => {
  it("returns the challenge when mode and verify token match", () => {
    const result = verifyMetaHandshake(query({ "hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": TOKEN }), TOKEN);
    expect(result).toEqual({ ok: true, challenge: "1158201444" });
  });

  it("reads the parameters from a real callback URL's query string", () => {
    const url = new URL(`https://console.example/api/webhooks/whatsapp-cloud/key?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${TOKEN}`);
    expect(verifyMetaHandshake(url.searchParams, TOKEN)).toEqual({ ok: true, challenge: "42" });
  });

  it("refuses a wrong, missing or differently cased verify token", () => {
    expect(verifyMetaHandshake(query({ "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": `${TOKEN}x` }), TOKEN)).toEqual({
      ok: false,
      reason: "verifyTokenMismatch",
    });
    expect(verifyMetaHandshake(query({ "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": TOKEN.toLowerCase() }), TOKEN)).toEqual({
      ok: false,
      reason: "verifyTokenMismatch",
    });
    expect(verifyMetaHandshake(query({ "hub.mode": "subscribe", "hub.challenge": "1" }), TOKEN)).toEqual({ ok: false, reason: "verifyTokenMissing" });
  });

  it("refuses another mode", () => {
    expect(verifyMetaHandshake(query({ "hub.mode": "unsubscribe", "hub.challenge": "1", "hub.verify_token": TOKEN }), TOKEN)).toEqual({
      ok: false,
      reason: "handshakeModeInvalid",
    });
    expect(verifyMetaHandshake(query({ "hub.challenge": "1", "hub.verify_token": TOKEN }), TOKEN)).toEqual({ ok: false, reason: "handshakeModeInvalid" });
  });

  it("echoes only a short printable challenge", () => {
    const base = { "hub.mode": "subscribe", "hub.verify_token": TOKEN };
    expect(verifyMetaHandshake(query(base), TOKEN)).toEqual({ ok: false, reason: "challengeInvalid" });
    expect(verifyMetaHandshake(query({ ...base, "hub.challenge": "" }), TOKEN)).toEqual({ ok: false, reason: "challengeInvalid" });
    expect(verifyMetaHandshake(query({ ...base, "hub.challenge": "<script>\n" }), TOKEN)).toEqual({ ok: false, reason: "challengeInvalid" });
    expect(verifyMetaHandshake(query({ ...base, "hub.challenge": "9".repeat(257) }), TOKEN)).toEqual({ ok: false, reason: "challengeInvalid" });
  });

  it("refuses everything when the channel has no verify token", () => {
    expect(verifyMetaHandshake(query({ "hub.mode": "subscribe", "hub.challenge": "1", "hub.verify_token": "" }), "")).toEqual({
      ok: false,
      reason: "secretNotConfigured",
    });
    expect(verifyMetaHandshake(query({ "hub.mode": "subscribe", "hub.challenge": "1" }), null)).toEqual({ ok: false, reason: "secretNotConfigured" });
  });
});
