import type { ReactNode } from "react";
import { ScheduleCalendarProvider } from "@/components/service-time/schedule-calendar";
import { getDb } from "@/db";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { loadScheduleCalendarSnapshot } from "@/lib/service-time/channel-schedule";

// The wizard's work-time step previews the schedule on the tenant's calendar, read once here.
export default async function WizardLayout({ children }: { children: ReactNode }) {
  const user = await requireTenantUser(["tenant_admin"]);
  const snapshot = await loadScheduleCalendarSnapshot(getDb(), { tenantId: user.tenantId });
  return <ScheduleCalendarProvider value={snapshot}>{children}</ScheduleCalendarProvider>;
}
