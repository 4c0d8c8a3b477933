import type { UserRole } from "@/db/schema/users";

export type Role = UserRole;
export type TenantRole = Exclude<Role, "system_admin">;

export const ROLES = ["system_admin", "tenant_admin", "support"] as const satisfies readonly Role[];
export const TENANT_ROLES = ["tenant_admin", "support"] as const satisfies readonly TenantRole[];

export function isTenantRole(role: Role): role is TenantRole {
  return role !== "system_admin";
}

export interface NavItem {
  href: string;
  /** Message key under `nav.` */
  label: "channels" | "exports" | "settings" | "system";
}

/**
 * What the console's navigation offers each role. System administrators belong to no tenant,
 * so tenant pages (channels, exports) are not theirs; they work under System.
 */
export function navigationFor(role: Role): NavItem[] {
  if (role === "system_admin") {
    return [
      { href: "/system/tenants", label: "system" },
      { href: "/settings", label: "settings" },
    ];
  }
  return [
    { href: "/channels", label: "channels" },
    { href: "/exports", label: "exports" },
    { href: "/settings", label: "settings" },
  ];
}

/** Where a freshly signed-in user lands. */
export function homePathFor(role: Role): string {
  return navigationFor(role)[0]!.href;
}
