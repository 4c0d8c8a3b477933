"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CreateOuForm } from "./create-ou-form";
import { DeleteOuConfirm } from "./delete-ou-confirm";
import { MoveOuForm } from "./move-ou-form";
import { RenameOuForm } from "./rename-ou-form";
import { useOuTree, type OuPanel } from "./ou-tree-context";

interface OuRef {
  id: string;
  name: string;
}

const BUTTONS: { panel: OuPanel; text: "addChild" | "rename" | "move" | "delete"; label: "addChildLabel" | "renameLabel" | "moveLabel" | "deleteLabel" }[] = [
  { panel: "addChild", text: "addChild", label: "addChildLabel" },
  { panel: "rename", text: "rename", label: "renameLabel" },
  { panel: "move", text: "move", label: "moveLabel" },
  { panel: "delete", text: "delete", label: "deleteLabel" },
];

/** A tenant administrator's buttons on one OU's row; each opens its panel below the row. */
export function OuRowButtons({ ou }: { ou: OuRef }) {
  const t = useTranslations("ous.actions");
  const { open, toggle } = useOuTree();
  return (
    <div className="flex flex-wrap gap-1">
      {BUTTONS.map(({ panel, text, label }) => {
        const expanded = open?.ouId === ou.id && open.panel === panel;
        return (
          <Button
            key={panel}
            type="button"
            size="sm"
            variant={expanded ? "default" : panel === "delete" ? "ghost" : "outline"}
            className={panel === "delete" && !expanded ? "text-red-700" : undefined}
            aria-label={t(label, { name: ou.name })}
            aria-expanded={expanded}
            aria-controls={expanded ? `ou-${ou.id}-panel` : undefined}
            onClick={() => toggle(ou.id, panel)}
          >
            {t(text)}
          </Button>
        );
      })}
    </div>
  );
}

/** The open panel of this OU's row, if any. */
export function OuRowPanel({ ou }: { ou: OuRef }) {
  const t = useTranslations("ous");
  const { open } = useOuTree();
  if (open?.ouId !== ou.id) return null;
  return (
    <div id={`ou-${ou.id}-panel`} className="my-2 rounded-md border border-slate-200 bg-slate-50 p-4">
      {open.panel === "addChild" ? <CreateOuForm parent={ou} label={t("addChild.title", { name: ou.name })} /> : null}
      {open.panel === "rename" ? <RenameOuForm ou={ou} /> : null}
      {open.panel === "move" ? <MoveOuForm ou={ou} /> : null}
      {open.panel === "delete" ? <DeleteOuConfirm ou={ou} /> : null}
    </div>
  );
}
