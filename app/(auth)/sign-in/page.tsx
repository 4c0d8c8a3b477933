import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homePathFor } from "@/lib/auth/roles";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const user = await getCurrentUser();
  if (user) redirect(homePathFor(user.role));
  const [t, { callbackUrl }] = await Promise.all([getTranslations(), searchParams]);
  return (
    <ClientMessages route="(auth)/sign-in/page">
      <main className="flex min-h-screen items-center justify-center px-4">
        <div className="w-full max-w-sm">
          <p className="mb-4 text-center text-lg font-semibold">{t("app.name")}</p>
          <Card>
            <CardHeader>
              <h1 className="text-base font-semibold">{t("signIn.title")}</h1>
              <CardDescription>{t("signIn.description")}</CardDescription>
            </CardHeader>
            <CardContent>
              <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
            </CardContent>
          </Card>
        </div>
      </main>
    </ClientMessages>
  );
}
