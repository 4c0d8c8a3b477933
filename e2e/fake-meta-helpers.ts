import type { Browser, Page } from "@playwright/test";
import { startFakeMeta, type FakeMeta, type FakeMetaOptions } from "../testing/fake-providers/meta";
import { seedPrerequisites, type ChannelPrerequisites } from "./channel-helpers";
import { chooseVariant, createTenantAdmin, fillBasic, label, next, openNewWizard, saveWizard } from "./channel-wizard-helpers";
import type { Account } from "./fixtures";
import { approvePrefix } from "./trustlist-helpers";

/*
 * The Meta side the cloud-api specs share (connection-check, provider-tools, outbound-secrets): a
 * fake Graph API that knows one app, WABA and number, whose token debug_token calls valid, and a
 * cloud-api channel typed into the wizard to reach it.
 */

export interface MetaAccount {
  appId: string;
  /** 32 hex characters, as Meta's app secrets are (the wizard checks the form). */
  appSecret: string;
  numberId: string;
  wabaId: string;
  token: string;
}

const SCOPES = ["whatsapp_business_messaging", "whatsapp_business_management"];

/** A fake Graph API where `account`'s token may use its number and manage its WABA; the token never expires. */
export function startFakeMetaFor(account: MetaAccount, more: Partial<FakeMetaOptions> = {}): Promise<FakeMeta> {
  return startFakeMeta({
    tokens: { [account.token]: [account.numberId] },
    apps: { [account.appId]: account.appSecret },
    wabas: { [account.wabaId]: [account.token] },
    tokenInfo: { [account.token]: { appId: account.appId, expiresAt: 0, scopes: SCOPES } },
    ...more,
  });
}

export interface FakeMetaSetup {
  fake: FakeMeta;
  prereq: ChannelPrerequisites;
  /** A tenant administrator of its own, so the spec's sign-ins do not collide with other specs'. */
  admin: Account;
}

/**
 * On the shared console: the fake, its prefix approved for the Demo tenant (the connector refuses
 * 127.0.0.1 otherwise), the seed's certificates and API app, and a tenant administrator.
 */
export async function setUpFakeMeta(
  browser: Browser,
  baseURL: string | undefined,
  account: MetaAccount,
  adminLabel: string,
  more: Partial<FakeMetaOptions> = {},
): Promise<FakeMetaSetup> {
  const fake = await startFakeMetaFor(account, more);
  await approvePrefix(browser, baseURL, fake.prefix);
  const prereq = await seedPrerequisites();
  const admin = await createTenantAdmin(browser, baseURL, adminLabel);
  return { fake, prereq, admin };
}

/** The wizard's first step for a cloud-api channel of `account`, whose BaseUrl is the fake's messages endpoint. */
export async function fillCloudApiStep(page: Page, fake: FakeMeta, account: MetaAccount, phone: string, trustCertificateId: string): Promise<void> {
  await chooseVariant(page, "cloud-api");
  await label(page, "App key").fill(account.appId);
  await label(page, "App secret").fill(account.appSecret);
  await label(page, "Phone number").fill(phone);
  await label(page, "Phone number ID").fill(account.numberId);
  await label(page, "WhatsApp Business Account ID").fill(account.wabaId);
  await label(page, "Access token").fill(account.token);
  await label(page, "BaseUrl").fill(`${fake.graphBaseUrl}/${account.numberId}/messages`);
  await label(page, "Trust certificate").selectOption(trustCertificateId);
}

/** Makes a cloud-api channel named `name` through the whole wizard; answers its id (the page stays on the integration step). */
export async function createCloudApiChannel(
  page: Page,
  setup: Pick<FakeMetaSetup, "fake" | "prereq">,
  account: MetaAccount,
  channel: { name: string; phone: string },
): Promise<string> {
  await openNewWizard(page);
  await fillCloudApiStep(page, setup.fake, account, channel.phone, setup.prereq.trustCertificateId);
  await next(page, 2);
  await fillBasic(page, setup.prereq, { name: channel.name });
  await next(page, 3);
  return saveWizard(page);
}
