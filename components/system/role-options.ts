"use client";

import { useTranslations } from "next-intl";
import { ROLES } from "@/lib/auth/roles";

export function useRoleOptions() {
  const t = useTranslations("roles");
  return ROLES.map((role) => ({ value: role, label: t(role) }));
}

export function tenantOptions(tenants: { id: string; name: string }[], placeholder: string) {
  return [{ value: "", label: placeholder }, ...tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))];
}
