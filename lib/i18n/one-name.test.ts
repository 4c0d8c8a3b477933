import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/roles";
import { CHANNEL_VARIANTS, type ChannelVariant } from "@/lib/validations/channels/variants";
import type { Locale } from "./locales";
import de from "./messages/de";
import en from "./messages/en";
import ru from "./messages/ru";
import zh from "./messages/zh";

/*
 * Issue 17, improvement 4: one name per thing, on every page and in every language. The names live
 * in the `channels` namespace (providers, variants, channel types, statuses, verification methods)
 * and in `roles`; any other namespace that names the same thing under a map keyed by its id
 * (`exportFile.providers.cloud-api`, `channelIntegration.detail.statuses.enabled`, …) must say it the
 * same way, so a second wording cannot come back through a feature's own catalog.
 */

const catalogs: Record<Locale, Record<string, unknown>> = { en, de, ru, zh };

const PROVIDERS = ["infobip", "other", "cloud-api", "twilio", "telegram"] as const;
const TYPES = ["whatsapp", "telegram"] as const;
const STATUSES = ["enabled", "disabled"] as const;
const METHODS = ["basic", "oAuth"] as const;

const VARIANTS: Record<ChannelVariant, { type: (typeof TYPES)[number]; provider: (typeof PROVIDERS)[number]; method?: (typeof METHODS)[number] }> = {
  infobip: { type: "whatsapp", provider: "infobip" },
  "other-basic": { type: "whatsapp", provider: "other", method: "basic" },
  "other-oAuth": { type: "whatsapp", provider: "other", method: "oAuth" },
  "cloud-api": { type: "whatsapp", provider: "cloud-api" },
  twilio: { type: "whatsapp", provider: "twilio" },
  telegram: { type: "telegram", provider: "telegram" },
};

/** Names the console used before they were made one; none may come back as a whole text. */
const RETIRED = [
  "Infobip",
  "Other BSP",
  "Other service provider",
  "other (customer-built BSP)",
  "Meta Cloud API",
  "cloud-api (Meta WhatsApp Cloud API)",
  "WhatsApp · cloud-api",
  "WhatsApp · other (basic)",
  "WhatsApp · other (oAuth)",
  "Basic",
  "OAuth",
  "Anderer BSP",
  "Anderer Dienstanbieter",
  "Другой BSP",
  "Другой провайдер",
  "其他 BSP",
  "其他服务商",
  "Telegram 机器人 API",
];

/** Dotted path → value for every text of a catalog. */
function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

function map<K extends string>(catalog: Record<string, unknown>, path: string, keys: readonly K[]): Record<K, string> {
  const node = path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], catalog) as Record<string, string>;
  return Object.fromEntries(keys.map((key) => [key, node?.[key]])) as Record<K, string>;
}

/** The one name of each thing, and the id sets a map of that thing is keyed by. */
function canonical(catalog: Record<string, unknown>) {
  return {
    providers: map(catalog, "channels.providers", PROVIDERS),
    providerVariants: map(catalog, "channels.providerVariants", CHANNEL_VARIANTS),
    variants: map(catalog, "channels.variants", CHANNEL_VARIANTS),
    types: map(catalog, "channels.types", TYPES),
    statuses: map(catalog, "channels.statuses", STATUSES),
    methods: map(catalog, "channels.verificationMethods", METHODS),
    roles: map(catalog, "roles", ROLES),
  };
}

/** Which canonical map a text belongs to, from the key it sits under (undefined: not a name of one of these things). */
function expectedName(path: string, names: ReturnType<typeof canonical>): string | undefined {
  const segments = path.split(".");
  const id = segments.at(-1)!;
  const parent = segments.at(-2) ?? "";
  if (/^(variants|providerVariants)$/.test(parent) && path.startsWith("channels.")) return undefined; // checked by composition below
  if (/provider/i.test(parent)) {
    if ((PROVIDERS as readonly string[]).includes(id)) return names.providers[id as (typeof PROVIDERS)[number]];
    if ((CHANNEL_VARIANTS as readonly string[]).includes(id)) return names.providerVariants[id as ChannelVariant];
  }
  if (/^(types|channelTypes)$/.test(parent) && (TYPES as readonly string[]).includes(id)) return names.types[id as (typeof TYPES)[number]];
  if (/^(statuses|channelStatuses)$/.test(parent) && (STATUSES as readonly string[]).includes(id)) return names.statuses[id as (typeof STATUSES)[number]];
  if (parent === "verificationMethods" && (METHODS as readonly string[]).includes(id)) return names.methods[id as (typeof METHODS)[number]];
  if (parent === "roles" && (ROLES as readonly string[]).includes(id)) return names.roles[id as (typeof ROLES)[number]];
  return undefined;
}

describe.each(Object.entries(catalogs))("one name per thing in %s", (_locale, catalog) => {
  const names = canonical(catalog);
  const [open, close] = _locale === "zh" ? ["（", "）"] : [" (", ")"];

  it("has a name for every provider, variant, type, status, verification method and role", () => {
    for (const group of Object.values(names)) for (const name of Object.values(group)) expect(name).toMatch(/\S/);
  });

  it("names a variant by its provider (and verification method), and a channel by type · that name", () => {
    for (const variant of CHANNEL_VARIANTS) {
      const { type, provider, method } = VARIANTS[variant];
      const providerVariant = names.providers[provider] + (method ? `${open}${names.methods[method]}${close}` : "");
      expect(names.providerVariants[variant], variant).toBe(providerVariant);
      expect(names.variants[variant], variant).toBe(`${names.types[type]} · ${providerVariant}`);
    }
  });

  it("says each provider, type, status, verification method and role the same way in every namespace", () => {
    const differing = leaves(catalog)
      .map(([path, value]) => ({ path, value, expected: expectedName(path, names) }))
      .filter(({ expected, value }) => expected !== undefined && value !== expected);
    expect(differing).toEqual([]);
  });

  it("uses none of the retired names", () => {
    const retired = leaves(catalog).filter(([, value]) => RETIRED.includes(value));
    expect(retired).toEqual([]);
  });
});

/**
 * A channel field is labelled the same in the wizard, on the channel page and in the export file
 * (its header is the one name): [export header key, wizard path, channel page path].
 */
const FIELD_LABELS: [string, string | null, string | null][] = [
  ["name", "channelWizard.basic.name", "channelIntegration.detail.basic.name"],
  ["phoneNumber", "channelWizard.labels.phoneNumber", "channelIntegration.detail.fields.phoneNumber"],
  ["ou", "channelWizard.basic.ou", "channelIntegration.detail.basic.ou"],
  ["skillQueue", "channelWizard.basic.skillQueue", "channelIntegration.detail.basic.skillQueue"],
  ["verificationMethod", null, "channelIntegration.detail.fields.verificationMethod"],
  ["transferKeywords", "channelWizard.keywords.listLabel", "channelIntegration.detail.basic.transferKeywords"],
  ["nonWorkingNotice", "channelWizard.basic.nonWorkingNotice", "channelIntegration.detail.basic.nonWorkingNotice"],
  ["lastAgentMode", "channelWizard.more.lastAgentMode", "channelIntegration.detail.basic.lastAgentMode"],
  ["noCustomerReplyEnabled", "channelWizard.more.noCustomerReply", "channelIntegration.detail.basic.noCustomerReply"],
  ["noAgentReplyEnabled", "channelWizard.more.noAgentReply", "channelIntegration.detail.basic.noAgentReply"],
  ["sessionTransferEnabled", "channelWizard.more.sessionTransfer", "channelIntegration.detail.basic.sessionTransfer"],
  ["offlineMessages", "channelWizard.more.offlineMessages", "channelIntegration.detail.basic.offlineMessages"],
  ["robotEnabled", "channelWizard.robot.robotEnabled", "channelIntegration.detail.robot.robotEnabled"],
  ["robotName", "channelWizard.robot.robotName", null],
  ["robotAssistantEnabled", "channelWizard.robot.assistantEnabled", "channelIntegration.detail.robot.assistantEnabled"],
];

const at = (catalog: Record<string, unknown>, path: string) =>
  path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalog);

describe.each(Object.entries(catalogs))("one label per channel field in %s", (_locale, catalog) => {
  it("labels a field in the wizard and on the channel page as its export column is headed", () => {
    const differing = FIELD_LABELS.flatMap(([header, ...paths]) => {
      const expected = at(catalog, `exportFile.headers.${header}`);
      return paths.filter((path) => path !== null && at(catalog, path) !== expected).map((path) => ({ path, value: at(catalog, path!), expected }));
    });
    expect(differing).toEqual([]);
  });

  it("ends no field label with a colon", () => {
    const labelled = leaves(catalog).filter(([path]) => /\.(labels|fields|headers|columns)\.[^.]+$/.test(path));
    expect(labelled.length).toBeGreaterThan(20);
    expect(labelled.filter(([, value]) => /[:：]$/.test(value))).toEqual([]);
  });
});

describe("field labels in English", () => {
  it("writes field labels in sentence case (a capital only for a name or an abbreviation)", () => {
    const names = /^(OU|ID|SID|API|BSP|URL|WhatsApp|Telegram|Twilio|Meta|Auth|Token|Account|Business|BaseUrl|UserName)$/;
    const titleCased = FIELD_LABELS.flatMap(([header]) => {
      const value = String(at(en, `exportFile.headers.${header}`));
      return value.split(" ").slice(1).some((word) => /^[A-Z]/.test(word) && !names.test(word)) ? [value] : [];
    });
    expect(titleCased).toEqual([]);
  });
});

describe("the canonical names", () => {
  it("are the spec's: the provider id in brackets where the name does not say it", () => {
    const names = canonical(en);
    expect(names.providers).toEqual({
      infobip: "infobip",
      other: "Customer-built BSP",
      "cloud-api": "Meta WhatsApp Cloud API (cloud-api)",
      twilio: "Twilio",
      telegram: "Telegram Bot API",
    });
    expect(names.providerVariants["other-basic"]).toBe("Customer-built BSP (basic)");
  });
});
