// GET /api/me - the signed-in user's profile (never a password hash), for scripts and the UI
import { ROLES } from "@/lib/auth/roles";
import { route } from "@/lib/guard";

export const dynamic = "force-dynamic";

export const GET = route.user({ roles: ROLES }, async ({ user }) =>
  Response.json(
    { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, tenantName: user.tenantName },
    { headers: { "Cache-Control": "no-store" } },
  ),
);
