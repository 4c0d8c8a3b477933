import net from "node:net";
import tls from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { outboundTimeoutMs, type OutboundScope } from "./guarded-call";
import { pinnedLookup } from "./pinned-lookup";
import { resolveAndCheck, type CheckedTarget } from "./resolve";
import { defaultTrustAnchors } from "./trust";
import { moduleLog } from "@/lib/log/logger";

/*
 * The connection check's view of one API base: which stage stops a connection. The connector
 * (guarded-call.ts) answers one "could not connect" for everything so that a tenant cannot map a
 * network through it; this tells TCP from TLS, and which side of TLS, but only for an address the
 * policy already admits (public, or approved on the trustlist): those are addresses the tenant is
 * allowed to reach anyway. A refused address is answered "address" before any connection, at the
 * deadline like the connector, so neither the answer nor its time says more than "not allowed".
 */

export type DiagnosisFailure =
  /** Refused by the address policy, or not a usable https URL, or its name does not resolve. */
  | { stage: "address"; reason: "notAllowed" }
  | { stage: "tcp"; reason: "refused" | "timeout" | "unreachable"; code?: string }
  | {
      stage: "tls";
      /** serverCertificate: the chain does not verify against the trust anchors; clientCertificate: the server refused ours (or demanded one). */
      reason: "serverCertificate" | "serverName" | "clientCertificate" | "handshake" | "timeout";
      code?: string;
    };

export interface ServerCertificateFacts {
  subject: string;
  issuer: string;
  validTo: string;
  protocol: string;
}

export type Diagnosis = { ok: true; server: ServerCertificateFacts; clientCertificatePresented: boolean } | ({ ok: false } & DiagnosisFailure);

export interface DiagnoseOptions {
  url: string | URL;
  scope: OutboundScope;
  /** Trust anchors (PEM), e.g. the channel's trust certificate; Node's roots plus OUTBOUND_EXTRA_CA_FILE when absent. */
  ca?: string | string[];
  clientCert?: { cert: string; key: string };
  timeoutMs?: number;
}

const SERVER_CERTIFICATE_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
]);

/** OpenSSL alerts a server sends when it does not accept our client certificate (or got none). */
const CLIENT_CERTIFICATE_ALERT = /alert (certificate required|bad certificate|unknown ca|certificate unknown|unsupported certificate|access denied|handshake failure)/i;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function tlsFailure(error: unknown): DiagnosisFailure {
  const code = codeOf(error);
  const message = String((error as { message?: unknown }).message ?? "");
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return { stage: "tls", reason: "serverName", code };
  if (code && SERVER_CERTIFICATE_CODES.has(code)) return { stage: "tls", reason: "serverCertificate", code };
  if (CLIENT_CERTIFICATE_ALERT.test(message) || (code && CLIENT_CERTIFICATE_ALERT.test(code.replace(/_/g, " ")))) {
    return { stage: "tls", reason: "clientCertificate", code };
  }
  return { stage: "tls", reason: "handshake", code };
}

const nameOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : (value ?? ""));

function connectTcp(target: CheckedTarget, deadlineAt: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname, port: target.port, lookup: pinnedLookup(target.addresses) });
    const timer = setTimeout(() => fail({ stage: "tcp", reason: "timeout" }), Math.max(0, deadlineAt - Date.now()));
    function fail(failure: DiagnosisFailure) {
      clearTimeout(timer);
      socket.destroy();
      reject(failure);
    }
    socket.once("error", (error) => {
      const code = codeOf(error);
      fail({ stage: "tcp", reason: code === "ECONNREFUSED" ? "refused" : code === "ETIMEDOUT" ? "timeout" : "unreachable", code });
    });
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
  });
}

/**
 * TLS over the connected socket, then one `HEAD /`: under TLS 1.3 a server that refuses our client
 * certificate says so only after the client's handshake is done, with an alert on the first read,
 * so the handshake alone cannot tell. The first bytes of any HTTP answer prove both sides agreed.
 */
function handshake(raw: net.Socket, target: CheckedTarget, options: DiagnoseOptions, deadlineAt: number): Promise<ServerCertificateFacts> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: raw,
      servername: target.servername,
      rejectUnauthorized: true,
      ca: options.ca ?? defaultTrustAnchors(),
      cert: options.clientCert?.cert,
      key: options.clientCert?.key,
    });
    let facts: ServerCertificateFacts | null = null;
    const timer = setTimeout(() => fail({ stage: "tls", reason: "timeout" }), Math.max(0, deadlineAt - Date.now()));
    function done(result: () => void) {
      clearTimeout(timer);
      socket.destroy();
      raw.destroy();
      result();
    }
    const fail = (failure: DiagnosisFailure) => done(() => reject(failure));
    socket.on("error", (error) => fail(tlsFailure(error)));
    socket.once("close", () => fail(facts ? { stage: "tls", reason: "clientCertificate" } : { stage: "tls", reason: "handshake" }));
    socket.once("secureConnect", () => {
      const peer = socket.getPeerCertificate();
      facts = {
        subject: nameOf(peer.subject?.CN),
        issuer: nameOf(peer.issuer?.CN),
        validTo: peer.valid_to ?? "",
        protocol: socket.getProtocol() ?? "",
      };
      socket.write(`HEAD / HTTP/1.1\r\nHost: ${target.url.host}\r\nConnection: close\r\n\r\n`);
    });
    socket.once("data", () => done(() => resolve(facts!)));
  });
}

/**
 * Diagnoses a connection to `url` the way a provider call would make it, within the connector's
 * limits: a slot and a call from the tenant's budget, one resolution checked against the address
 * policy, a connection only to the checked addresses, the one deadline. A failed diagnosis keeps
 * its slot until the deadline, as the connector's calls do, so it scans no faster than they can.
 */
export async function diagnoseConnection(options: DiagnoseOptions): Promise<Diagnosis> {
  const { scope } = options;
  const deadlineAt = Date.now() + (options.timeoutMs ?? outboundTimeoutMs());
  const release = await scope.limiter.acquire(scope.tenantId, deadlineAt);
  let releaseAtDeadline = false;
  try {
    const approvedPrefixes = await scope.approvedPrefixes();
    let checked: Awaited<ReturnType<typeof resolveAndCheck>>;
    try {
      checked = await resolveAndCheck(options.url, { approvedPrefixes, lookup: scope.lookup });
    } catch {
      checked = { ok: false, reason: "resolve failed" };
    }
    if (!checked.ok) {
      moduleLog("outbound").warn({ tenantId: scope.tenantId, reason: checked.reason }, "diagnosis refused");
      await sleep(Math.max(0, deadlineAt - Date.now()));
      return { ok: false, stage: "address", reason: "notAllowed" };
    }
    try {
      const raw = await connectTcp(checked.target, deadlineAt);
      const server = await handshake(raw, checked.target, options, deadlineAt);
      return { ok: true, server, clientCertificatePresented: Boolean(options.clientCert) };
    } catch (failure) {
      releaseAtDeadline = true;
      if (failure && typeof failure === "object" && "stage" in failure) return { ok: false, ...(failure as DiagnosisFailure) };
      return { ok: false, stage: "tcp", reason: "unreachable" };
    }
  } finally {
    if (releaseAtDeadline) setTimeout(release, Math.max(0, deadlineAt - Date.now())).unref();
    else release();
  }
}
