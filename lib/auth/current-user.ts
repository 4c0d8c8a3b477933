import "server-only";
import { cache } from "react";
import { getDb } from "@/db";
import { auth } from "./auth";
import type { Role } from "./roles";
import { resolveSessionUser } from "./server-session";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  tenantName: string | null;
}

/**
 * The signed-in user as the database knows them now (server-session.ts): a signed-out, expired,
 * disabled or password-reset session is nobody, whatever the session cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => resolveSessionUser(getDb(), await auth()));
