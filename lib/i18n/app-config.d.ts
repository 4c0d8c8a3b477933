import type { Locale } from "@/lib/i18n/locales";
import type en from "@/lib/i18n/messages/en";

// Typed message keys: a missing or misspelt key is a compile error.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
