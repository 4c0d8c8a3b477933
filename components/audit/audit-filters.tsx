import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { AuditFacets } from "@/db/queries/audit-log";
import { isLabelledTargetType } from "@/lib/audit/changes";
import type { ParsedAuditQuery } from "@/lib/audit/filters";

/**
 * Who, what and when as one GET form: the URL carries the filters, so a view can be bookmarked or
 * shared, and it works without JavaScript. Paging starts again at the first page.
 */
export async function AuditFilters({ parsed, facets, timeZone }: { parsed: ParsedAuditQuery; facets: AuditFacets; timeZone: string }) {
  const t = await getTranslations("audit");
  const { input, errors } = parsed;
  const typeLabel = (type: string) => (isLabelledTargetType(type) ? t(`targetTypes.${type}`) : type);
  const filtered = Object.values(input).some(Boolean);
  const field = (id: keyof typeof input) => ({ id: `audit-${id}`, name: id, "aria-invalid": errors[id] ? true : undefined });
  return (
    <div className="mb-4 grid gap-3">
      <Form key={JSON.stringify(input)} action="/settings/audit" aria-label={t("filters.label")} className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-48 gap-1.5">
          <Label htmlFor="audit-actor">{t("filters.actor")}</Label>
          <Select {...field("actor")} defaultValue={input.actor}>
            <option value="">{t("filters.anyActor")}</option>
            {facets.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.email}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid min-w-44 gap-1.5">
          <Label htmlFor="audit-action">{t("filters.action")}</Label>
          <Select {...field("action")} defaultValue={input.action}>
            <option value="">{t("filters.anyAction")}</option>
            {facets.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid min-w-44 gap-1.5">
          <Label htmlFor="audit-target">{t("filters.targetType")}</Label>
          <Select {...field("target")} defaultValue={input.target}>
            <option value="">{t("filters.anyTargetType")}</option>
            {facets.targetTypes.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from">{t("filters.from")}</Label>
          <Input {...field("from")} type="date" defaultValue={input.from} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to">{t("filters.to")}</Label>
          <Input {...field("to")} type="date" defaultValue={input.to} />
        </div>
        <Button type="submit" variant="outline">
          {t("filters.apply")}
        </Button>
        {filtered ? (
          <Link href="/settings/audit" className={buttonVariants({ variant: "ghost" })}>
            {t("filters.clear")}
          </Link>
        ) : null}
        <p className="basis-full text-xs text-slate-600">{t("filters.timeZone", { timeZone })}</p>
      </Form>
      {Object.keys(errors).length > 0 ? (
        <Alert variant="destructive" data-testid="audit-filter-errors">
          <p>{t("filters.invalid")}</p>
          <ul className="list-disc pl-5">
            {[...new Set(Object.values(errors))].map((error) => (
              <li key={error}>{t(`filters.errors.${error}`)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
