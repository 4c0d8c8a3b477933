import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { CreateOuForm } from "@/components/ous/create-ou-form";
import { OuTree } from "@/components/ous/ou-tree";
import { OuTreeProvider } from "@/components/ous/ou-tree-context";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listOuTreePage } from "@/db/queries/ous";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { OU_TREE_PAGE_SIZE } from "@/lib/ous/tree";
import { pageParamSchema } from "@/lib/pagination";
import { createOuAction, deleteOuAction, listOuMoveTargetsAction, moveOuAction, renameOuAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ous"))("title") };
}

const actions = {
  createOu: createOuAction,
  renameOu: renameOuAction,
  moveOu: moveOuAction,
  deleteOu: deleteOuAction,
  listMoveTargets: listOuMoveTargetsAction,
};

export default async function OusPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireTenantUser();
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, tree] = await Promise.all([
    getTranslations("ous"),
    listOuTreePage(getDb(), { tenantId: user.tenantId }, page, OU_TREE_PAGE_SIZE),
  ]);
  const editable = user.role === "tenant_admin";
  const header = <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />;
  const list = (
    <>
      <Card>
        {tree.items.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{editable && tree.total === 0 ? t("emptyAdmin") : t("empty")}</p>
        ) : (
          <OuTree rows={tree.items} editable={editable} />
        )}
      </Card>
      <Pagination page={tree} basePath="/settings/ous" />
    </>
  );
  if (!editable) {
    return (
      <ClientMessages route="(console)/settings/ous/page">
        {header}
        <p className="mb-4 text-sm text-slate-600">{t("readOnly")}</p>
        {list}
      </ClientMessages>
    );
  }
  return (
    <ClientMessages route="(console)/settings/ous/page">
      {header}
      <OuTreeProvider actions={actions}>
        <Card className="mb-6">
          <CardHeader>
            <CardTitle>{t("createTitle")}</CardTitle>
            <CardDescription>{t("createHint")}</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateOuForm parent={null} label={t("createTitle")} />
          </CardContent>
        </Card>
        {list}
      </OuTreeProvider>
    </ClientMessages>
  );
}
