import type en from "./messages/en";
import type { Locale } from "./locales";

export type Messages = typeof en;

export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case "zh":
      return (await import("./messages/zh")).default;
    case "de":
      return (await import("./messages/de")).default;
    case "ru":
      return (await import("./messages/ru")).default;
    default:
      return (await import("./messages/en")).default;
  }
}
