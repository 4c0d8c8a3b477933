import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireUser } from "@/lib/auth/page-guard";
import { signOutAction } from "./actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <ClientMessages route="(console)/layout">
      <ConsoleShell user={user} signOut={signOutAction}>
        {children}
      </ConsoleShell>
    </ClientMessages>
  );
}
