"use client";

import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

function SubmitButton() {
  const t = useTranslations("nav");
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="outline" size="sm" disabled={pending} className="border-slate-600 bg-transparent text-slate-100 hover:bg-slate-800">
      {pending ? t("signingOut") : t("signOut")}
    </Button>
  );
}

export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <SubmitButton />
    </form>
  );
}
