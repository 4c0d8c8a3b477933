// PKCS#12 (.p12/.pfx) without a PKCS#12 parser: Node's TLS layer opens the file with OpenSSL, which
// checks the password and that the key belongs to the certificate. The certificates are then read
// back by letting an in-memory TLS server with this identity present its chain to a client.
// Uploads reach this in a separate process (./read-in-child.ts); the structure is checked first
// (./pkcs12-limits.ts) because OpenSSL runs whatever key derivation the file asks for.
import { X509Certificate } from "node:crypto";
import { Duplex } from "node:stream";
import tls, { type SecureContext } from "node:tls";
import { CertificateError, checkFileSize, orderChain, pemBlocks, toParsedChain, type ParsedChain } from "./parse";
import { presentedChain } from "./peer-chain";
import { checkPkcs12Limits } from "./pkcs12-limits";

const HANDSHAKE_TIMEOUT_MS = 5_000;

function openPkcs12(pfx: Buffer, password: string): SecureContext {
  try {
    return tls.createSecureContext({ pfx, passphrase: password });
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if (/mac verify failure/i.test(message)) throw new CertificateError("pkcs12PasswordWrong");
    if (/unable to load private key/i.test(message)) throw new CertificateError("pkcs12NoKey");
    if (/unsupported/i.test(message)) throw new CertificateError("pkcs12Unsupported");
    if (/key values mismatch/i.test(message)) throw new CertificateError("keyMismatch");
    throw new CertificateError("notPkcs12");
  }
}

/** Two connected in-memory streams: what one writes, the other reads. */
function duplexPair(): [Duplex, Duplex] {
  const sides: Duplex[] = [];
  const make = (peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk, _encoding, callback) {
        peer().push(chunk);
        callback();
      },
      final(callback) {
        peer().push(null);
        callback();
      },
    });
  sides.push(make(() => sides[1]!), make(() => sides[0]!));
  return [sides[0]!, sides[1]!];
}

/** Leaf first; falls back to the leaf alone if the handshake cannot complete (an unusual key type). */
async function readChain(secureContext: SecureContext): Promise<{ leaf: X509Certificate; chain: X509Certificate[] }> {
  const [serverSide, clientSide] = duplexPair();
  const server = new tls.TLSSocket(serverSide, { isServer: true, secureContext });
  const own = server.getCertificate();
  if (!own || !("raw" in own)) throw new CertificateError("pkcs12NoKey");
  const leaf = new X509Certificate(own.raw);
  server.on("error", () => {});
  const client = tls.connect({ socket: clientSide, rejectUnauthorized: false });
  try {
    const chain = await new Promise<X509Certificate[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("handshake timed out")), HANDSHAKE_TIMEOUT_MS);
      client.once("secureConnect", () => {
        clearTimeout(timer);
        resolve(presentedChain(client));
      });
      client.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return { leaf, chain: chain[0]?.fingerprint256 === leaf.fingerprint256 ? chain : [leaf] };
  } catch {
    return { leaf, chain: [leaf] };
  } finally {
    client.destroy();
    server.destroy();
  }
}

/** An identity certificate as PKCS#12 with its password: the chain inside it, leaf first. */
export async function parsePkcs12(data: Uint8Array, password: string): Promise<ParsedChain> {
  checkFileSize(data);
  if (pemBlocks(data).length > 0) throw new CertificateError("pkcs12IsPem");
  checkPkcs12Limits(data);
  const { leaf, chain } = await readChain(openPkcs12(Buffer.from(data), password));
  return toParsedChain(orderChain(chain, leaf));
}
