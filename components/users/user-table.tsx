import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PublicUser } from "@/db/queries/users";

/** Users as a table; `hrefFor` decides where a row leads (tenant settings or system administration). */
export async function UserTable({
  users,
  hrefFor,
  showTenant,
}: {
  users: PublicUser[];
  hrefFor: (user: PublicUser) => string;
  showTenant: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  if (users.length === 0) return <p className="p-4 text-sm text-slate-600">{t("users.empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("users.email")}</TableHead>
          <TableHead>{t("users.name")}</TableHead>
          <TableHead>{t("users.role")}</TableHead>
          {showTenant ? <TableHead>{t("users.tenant")}</TableHead> : null}
          <TableHead>{t("users.status")}</TableHead>
          <TableHead>{t("users.created")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id} data-testid="user-row">
            <TableCell>
              <Link href={hrefFor(user)} className="font-medium text-blue-700 hover:underline">
                {user.email}
              </Link>
            </TableCell>
            <TableCell>{user.name}</TableCell>
            <TableCell>{t(`roles.${user.role}`)}</TableCell>
            {showTenant ? <TableCell>{user.tenantName ?? "—"}</TableCell> : null}
            <TableCell>
              {user.disabledAt ? (
                <Badge variant="danger">{t("common.disabled")}</Badge>
              ) : (
                <Badge variant="success">{t("common.active")}</Badge>
              )}
            </TableCell>
            <TableCell>{format.dateTime(user.createdAt, { dateStyle: "medium" })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
