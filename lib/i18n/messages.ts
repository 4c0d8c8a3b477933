import type en from "./messages/en.json";
import type { Locale } from "./locales";

export type Messages = typeof en;

export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case "zh":
      return (await import("./messages/zh.json")).default;
    case "de":
      return (await import("./messages/de.json")).default;
    case "ru":
      return (await import("./messages/ru.json")).default;
    default:
      return (await import("./messages/en.json")).default;
  }
}
