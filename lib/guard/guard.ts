import type { z } from "zod";
import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { isTenantRole, type Role, type TenantRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/**
 * The one path every server action and route handler takes:
 * authenticate → parse input with zod → authorize the role → run with the caller's tenant.
 * The tenant always comes from the signed-in user, never from the input.
 */
export interface GuardDeps {
  getUser(): Promise<CurrentUser | null>;
  getDb(): Db;
}

export type TenantUser = CurrentUser & { role: TenantRole; tenantId: string };

export interface TenantContext {
  user: TenantUser;
  tenantId: string;
  db: Db;
}

export interface SystemContext {
  user: CurrentUser & { role: "system_admin" };
  db: Db;
}

export interface UserContext {
  user: CurrentUser;
  db: Db;
}

export async function authenticate(deps: GuardDeps): Promise<CurrentUser> {
  const user = await deps.getUser();
  if (!user) throw new AppError("unauthenticated");
  return user;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  throw new AppError("validation", "validation", fieldErrors);
}

export function authorizeTenant(user: CurrentUser, roles: readonly TenantRole[]): TenantUser {
  if (!isTenantRole(user.role) || !user.tenantId || !roles.includes(user.role)) throw new AppError("forbidden");
  return user as TenantUser;
}

export function authorizeSystem(user: CurrentUser): CurrentUser & { role: "system_admin" } {
  if (user.role !== "system_admin") throw new AppError("forbidden");
  return user as CurrentUser & { role: "system_admin" };
}

export function authorizeAny(user: CurrentUser, roles: readonly Role[]): CurrentUser {
  if (!roles.includes(user.role)) throw new AppError("forbidden");
  return user;
}
