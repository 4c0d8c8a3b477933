import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { CreateSkillQueueForm } from "@/components/skill-queues/create-skill-queue-form";
import { SkillQueueTable } from "@/components/skill-queues/skill-queue-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listSkillQueues } from "@/db/queries/skill-queues";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { createSkillQueueAction, deleteSkillQueueAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("skillQueues"))("title") };
}

export default async function SkillQueuesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireTenantUser();
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, format, queues] = await Promise.all([
    getTranslations("skillQueues"),
    getFormatter(),
    listSkillQueues(getDb(), { tenantId: user.tenantId }, page),
  ]);
  const editable = user.role === "tenant_admin";
  const items = queues.items.map((queue) => ({
    id: queue.id,
    name: queue.name,
    description: queue.description,
    updated: format.dateTime(queue.updatedAt, { dateStyle: "medium", timeStyle: "short" }),
  }));
  return (
    <ClientMessages route="(console)/settings/skill-queues/page">
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      {editable ? (
        <Card className="mb-6">
          <CardHeader>
            <CardTitle>{t("createTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            <CreateSkillQueueForm action={createSkillQueueAction} />
          </CardContent>
        </Card>
      ) : (
        <p className="mb-4 text-sm text-slate-600">{t("readOnly")}</p>
      )}
      <Card>
        <SkillQueueTable
          queues={items}
          emptyText={editable && queues.total === 0 ? t("emptyAdmin") : t("empty")}
          deleteAction={editable ? deleteSkillQueueAction : undefined}
        />
      </Card>
      <Pagination page={queues} basePath="/settings/skill-queues" />
    </ClientMessages>
  );
}
