import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getCurrentUser, type CurrentUser } from "./current-user";
import { isTenantRole, TENANT_ROLES, type TenantRole } from "./roles";
import type { TenantUser } from "@/lib/guard/guard";

/** Pages: signed-out visitors go to the sign-in page (the proxy usually got there first). */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Pages of one tenant: other roles get the 403 page. */
export async function requireTenantUser(roles: readonly TenantRole[] = TENANT_ROLES): Promise<TenantUser> {
  const user = await requireUser();
  if (!isTenantRole(user.role) || !user.tenantId || !roles.includes(user.role)) forbidden();
  return user as TenantUser;
}

export async function requireSystemAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "system_admin") forbidden();
  return user;
}
