import type { ChannelVariant } from "@/lib/validations/channels/information";

/** The message-catalog group of a variant: infobip and the BSP differ only in who gets the URLs. */
export const TEXT_GROUP = {
  infobip: "infobip",
  "other-basic": "bsp",
  "other-oAuth": "bsp",
  "cloud-api": "cloudApi",
  twilio: "twilio",
  telegram: "telegram",
} as const satisfies Record<ChannelVariant, string>;
