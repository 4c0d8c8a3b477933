/*
 * The wizard's variants and their secret fields, without zod: the wizard's client code reads them in
 * its first load, while the schemas (information.ts) are fetched only when a form validates.
 */

export const CHANNEL_VARIANTS = ["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"] as const;
export type ChannelVariant = (typeof CHANNEL_VARIANTS)[number];

export function variantOf(info: { provider: string; verificationMethod?: string | null }): ChannelVariant {
  if (info.provider === "other") return info.verificationMethod === "oAuth" ? "other-oAuth" : "other-basic";
  return info.provider as ChannelVariant;
}

/** Each variant's secret fields; `required` ones must be typed when nothing is stored yet. */
export const SECRET_FIELDS = {
  infobip: { password: "required", accountKey: "required", webhookPassword: "required" },
  "other-basic": { password: "required", authenticationKey: "required", webhookPassword: "required" },
  "other-oAuth": { password: "required", webhookPassword: "required" },
  "cloud-api": { appSecret: "required", accessToken: "required" },
  twilio: { authToken: "required" },
  telegram: { appSecret: "required", botToken: "optional" },
} as const satisfies Record<ChannelVariant, Record<string, "required" | "optional">>;

export type SecretFieldName = { [V in ChannelVariant]: keyof (typeof SECRET_FIELDS)[V] }[ChannelVariant];
export const ALL_SECRET_FIELDS = [
  ...new Set(Object.values(SECRET_FIELDS).flatMap((fields) => Object.keys(fields))),
] as SecretFieldName[];

export function secretFieldsOf(variant: ChannelVariant): SecretFieldName[] {
  return Object.keys(SECRET_FIELDS[variant]) as SecretFieldName[];
}

/** Fields a person types a password into; every other secret field holds a generated token or key. */
const PASSWORD_FIELDS: ReadonlySet<string> = new Set(["password", "webhookPassword"]);

/** How a secret field's mask may look: a password is only ever shown as "set". */
export function secretKindOf(field: string): "password" | "machine" {
  return PASSWORD_FIELDS.has(field) ? "password" : "machine";
}

/** cloud-api's BaseUrl when the administrator leaves the default. */
export function defaultCloudApiBaseUrl(phoneNumberId: string): string {
  return `https://graph.facebook.com/v21.0/${phoneNumberId || "<phone-number-id>"}/messages`;
}

