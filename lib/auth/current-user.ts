import "server-only";
import { cache } from "react";
import { z } from "zod";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import { auth } from "./auth";
import type { Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  tenantName: string | null;
}

/**
 * The signed-in user as the database knows them now: role and tenant are read on every request,
 * so disabling a user or changing their role takes effect at once, whatever the session cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = z.uuid().safeParse(session?.user?.id);
  if (!id.success) return null;
  const user = await getUserById(getDb(), id.data);
  if (!user || user.disabledAt) return null;
  // A password reset or a disable/enable since this session began ends it.
  if ((session as { sessionVersion?: number } | null)?.sessionVersion !== user.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    tenantId: user.tenantId,
    tenantName: user.tenantName,
  };
});
