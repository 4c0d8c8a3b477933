import { getTranslations } from "next-intl/server";
import type { OuTreeRow } from "@/db/queries/ous";
import { nestOuRows, ouPathLabel, type OuNode } from "@/lib/ous/tree";
import { OuRowButtons, OuRowPanel } from "./ou-row-controls";

/**
 * One page of the OU tree as nested lists, indented by depth. Tenant administrators get each
 * OU's actions (`editable`); everyone else reads.
 */
export async function OuTree({ rows, editable }: { rows: OuTreeRow[]; editable: boolean }) {
  const t = await getTranslations("ous");
  const renderNodes = (nodes: OuNode<OuTreeRow>[], nested: boolean) => (
    <ul className={nested ? "ml-5 border-l border-slate-200 pl-4" : "grid gap-1"}>
      {nodes.map(({ ou, children, context }) => (
        <li key={ou.id}>
          {context.length ? (
            <p className="pt-2 text-xs text-slate-500">{t("continued", { path: ouPathLabel(context) })}</p>
          ) : null}
          <div
            data-testid="ou-item"
            data-depth={ou.depth}
            className="flex flex-wrap items-center justify-between gap-2 rounded-md px-2 py-1.5 hover:bg-slate-50"
          >
            <div className="flex items-baseline gap-2">
              <span className="font-medium" data-testid="ou-name">
                {ou.name}
              </span>
              {ou.childCount > 0 ? <span className="text-xs text-slate-500" data-testid="ou-child-count">{t("childCount", { total: ou.childCount })}</span> : null}
            </div>
            {editable ? <OuRowButtons ou={{ id: ou.id, name: ou.name }} /> : null}
          </div>
          {editable ? <OuRowPanel ou={{ id: ou.id, name: ou.name }} /> : null}
          {children.length ? renderNodes(children, true) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-label={t("treeLabel")} className="p-3">
      {renderNodes(nestOuRows(rows), false)}
    </section>
  );
}
