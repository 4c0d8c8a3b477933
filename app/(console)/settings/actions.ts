"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { action } from "@/lib/guard";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";

const setLanguage = action.user(z.object({ locale: z.enum(LOCALES) }), ROLES, async ({ locale }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
});

export async function setLanguageAction(input: unknown) {
  return setLanguage(input);
}
