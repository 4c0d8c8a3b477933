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
  label: "overview" | "channels" | "exports" | "settings" | "system";
}

/**
 * What the console's navigation offers each role; the first entry is the role's home. System
 * administrators belong to no tenant, so tenant pages (overview, channels, exports) are not theirs;
 * they work under System. Tenant users start on the Overview: "is anything broken?" in one look.
 */
export function navigationFor(role: Role): NavItem[] {
  if (role === "system_admin") {
    return [
      { href: "/system/tenants", label: "system" },
      { href: "/settings", label: "settings" },
    ];
  }
  return [
    { href: "/overview", label: "overview" },
    { href: "/channels", label: "channels" },
    { href: "/exports", label: "exports" },
    { href: "/settings", label: "settings" },
  ];
}

/** Where a freshly signed-in user lands. */
export function homePathFor(role: Role): string {
  return navigationFor(role)[0]!.href;
}

export interface SectionLink {
  href: string;
  /** Full message key of the link text. */
  label: string;
}

/**
 * The Settings section's pages per role. Support staff read the tenant setup; only tenant
 * administrators see its users and audit log. System administrators have only their own account here.
 */
export function settingsSectionsFor(role: Role): SectionLink[] {
  const account = { href: "/settings", label: "settings.tabs.account" };
  if (role === "system_admin") return [account];
  const setup = [
    { href: "/settings/ous", label: "settings.tabs.ous" },
    { href: "/settings/skill-queues", label: "settings.tabs.skillQueues" },
    { href: "/settings/service-time", label: "settings.tabs.serviceTime" },
    { href: "/settings/certificates", label: "settings.tabs.certificates" },
    { href: "/settings/trustlist", label: "settings.tabs.trustlist" },
  ];
  if (role === "support") return [account, ...setup];
  return [
    account,
    ...setup,
    { href: "/settings/users", label: "settings.tabs.users" },
    { href: "/settings/audit", label: "settings.tabs.audit" },
  ];
}

/** System administration's pages. */
export function systemSections(): SectionLink[] {
  return [
    { href: "/system/tenants", label: "system.tabs.tenants" },
    { href: "/system/users", label: "system.tabs.users" },
    { href: "/system/trustlist", label: "system.tabs.trustlist" },
    { href: "/system/api-apps", label: "system.tabs.apiApps" },
  ];
}
