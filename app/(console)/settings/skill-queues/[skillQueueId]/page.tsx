import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { EditSkillQueueForm } from "@/components/skill-queues/edit-skill-queue-form";
import { Card, CardContent } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getSkillQueue } from "@/db/queries/skill-queues";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { uuidField } from "@/lib/validations/fields";
import { updateSkillQueueAction } from "../actions";

export const metadata: Metadata = { robots: { index: false } };

export default async function EditSkillQueuePage({ params }: { params: Promise<{ skillQueueId: string }> }) {
  const user = await requireTenantUser(["tenant_admin"]);
  const id = uuidField.safeParse((await params).skillQueueId);
  if (!id.success) notFound();
  // Scoped by the viewer's tenant: another tenant's queue id answers exactly like a missing one.
  const queue = await getSkillQueue(getDb(), { tenantId: user.tenantId }, id.data);
  if (!queue) notFound();
  const t = await getTranslations("skillQueues");
  return (
    <ClientMessages route="(console)/settings/skill-queues/[skillQueueId]/page">
      <PageHeader title={t("editTitle", { name: queue.name })} />
      <Card className="max-w-2xl">
        <CardContent className="pt-5">
          <EditSkillQueueForm queue={{ id: queue.id, name: queue.name, description: queue.description }} action={updateSkillQueueAction} />
        </CardContent>
      </Card>
      <Link href="/settings/skill-queues" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("backToList")}
      </Link>
    </ClientMessages>
  );
}
