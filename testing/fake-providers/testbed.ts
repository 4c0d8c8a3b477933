// What the provider clients' integration tests share: the channel certificates from the test CA,
// a tenant scope on the real trustlist, and the canary check.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { OutboundScope } from "../../lib/outbound/guarded-call";
import type { ProviderResult } from "../../lib/outbound/providers/result";
import { outboundScope } from "../../lib/outbound/scope";
import { fixtureText } from "../fixtures/certificates";
import { createTestDatabase, type TestDatabase } from "../db/test-database";
import { approvePrefix } from "../outbound";
import type { FakeHttps } from "./server";

/** The channel's trust certificate that the fakes' server chain verifies against (the test root CA). */
export const TEST_TRUST_CA = fixtureText("root-ca.pem");
/** A trust certificate of another CA: the fakes' chain does not verify against it. */
export const OTHER_TRUST_CA = fixtureText("self-signed.pem");
/** The channel's identity certificate (leaf and intermediate of the test CA, client-auth usage) and its key. */
export const TEST_CLIENT_CERT = { cert: fixtureText("leaf.pem") + fixtureText("intermediate-ca.pem"), key: fixtureText("leaf.key") };

/** Failures to connect are answered at the deadline; keep it short in tests. */
export const TEST_TIMEOUT_MS = 800;

export interface ProviderTestbed {
  database: TestDatabase;
  /** A new tenant's scope on the real trustlist and limits in PostgreSQL. */
  scope(): OutboundScope;
  approve(prefix: string): Promise<void>;
  close(): Promise<void>;
}

export async function openProviderTestbed(): Promise<ProviderTestbed> {
  const database = await createTestDatabase();
  return {
    database,
    scope: () => outboundScope(database.db, randomUUID()),
    approve: (prefix) => approvePrefix(database.db, prefix),
    close: () => database.close(),
  };
}

/**
 * What every provider client's tests run against: the testbed and three fakes of the provider — one
 * approved on the trustlist, one approved that demands a client certificate, one nobody approved.
 * `reset()` after each test, `close()` after all.
 */
export interface ProviderFakes<F extends FakeHttps> {
  testbed: ProviderTestbed;
  fake: F;
  mtls: F;
  unapproved: F;
  reset(): void;
  close(): Promise<void>;
}

export async function openProviderFakes<F extends FakeHttps>(start: (extra: { requireClientCert?: boolean }) => Promise<F>): Promise<ProviderFakes<F>> {
  const testbed = await openProviderTestbed();
  const [fake, mtls, unapproved] = await Promise.all([start({}), start({ requireClientCert: true }), start({})]);
  await testbed.approve(fake.prefix);
  await testbed.approve(mtls.prefix);
  const all = [fake, mtls, unapproved];
  return {
    testbed,
    fake,
    mtls,
    unapproved,
    reset: () => all.forEach((f) => f.reset()),
    close: async () => {
      await Promise.all(all.map((f) => f.close()));
      await testbed.close();
    },
  };
}

/** The failure of `result`, checked to carry none of `secrets` anywhere (the canary). */
export function failureOf<T>(result: ProviderResult<T>, secrets: readonly string[]) {
  expectNoSecret(result, secrets);
  if (result.ok) return expect.unreachable(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.failure;
}

/** The value of `result`, checked to carry none of `secrets`. */
export function valueOf<T>(result: ProviderResult<T>, secrets: readonly string[] = []): T {
  expectNoSecret(result, secrets);
  if (!result.ok) return expect.unreachable(`expected success, got ${JSON.stringify(result.failure)}`);
  return result.value;
}

export function expectNoSecret(value: unknown, secrets: readonly string[]): void {
  const text = value instanceof Error ? `${value.name} ${value.message} ${value.stack ?? ""} ${JSON.stringify(value)}` : JSON.stringify(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

/** Runs `call` and checks that, if it throws, the thrown error's text holds none of `secrets`. */
export async function withoutLeaks<T>(call: () => Promise<T>, secrets: readonly string[]): Promise<T> {
  try {
    return await call();
  } catch (error) {
    expectNoSecret(error, secrets);
    throw error;
  }
}
